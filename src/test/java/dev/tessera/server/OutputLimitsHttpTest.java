package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Outputs an encoder cannot make, or not by the deadline, are refused up front with a 422 naming the limit. */
class OutputLimitsHttpTest extends ServerTest {
    static String line;
    static String photo;

    @BeforeAll
    static void prepare() {
        line = server.store(Images.solidPng(100_000, 1, new Picture.Rgb(200, 30, 30)));
        photo = server.store(Images.quadrantsJpeg());
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = ';', value = {
        "fm=avif;output_too_large;fm;16384",
        "fm=webp;output_too_large;fm;16383",
        "fm=gif;output_too_large;fm;65535",
        "fm=jpeg;output_too_large;fm;65500",
        "h=8192&dpr=4&enlarge=1&fm=png;output_too_large;h;1000000",
    })
    void aLineTooLongForTheEncoderIs422(String query, String code, String param, String limit) {
        Response r = server.get("/images/" + line + "?" + query);
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        JsonNode error = r.json().path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("param").asText()).isEqualTo(param);
        assertThat(error.path("message").asText()).contains(limit);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"w=8192&enlarge=1&blur=20&fm=png"})
    void aBlurTooCostlyIs422NamingBlur(String query) {
        Response r = server.get("/images/" + photo + "?" + query);
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("render_too_costly");
        assertThat(r.json().path("error").path("param").asText()).isEqualTo("blur");
    }
}
