package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every format the service reads uploads, is served back as itself, and renders. */
class InputFormatsTest extends ServerTest {

    /** The default output is the source's format when it is an output format, else JPEG. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "jpegsave_buffer, jpeg, image/jpeg, image/jpeg",
            "pngsave_buffer,  png,  image/png,  image/png",
            "webpsave_buffer, webp, image/webp, image/webp",
            "gifsave_buffer,  gif,  image/gif,  image/gif",
            "heifsave_buffer, avif, image/avif, image/avif",
            "tiffsave_buffer, tiff, image/tiff, image/jpeg"})
    void uploadsServesAndRenders(String saver, String format, String contentType, String renditionType) {
        byte[] bytes = Images.quadrantsAs(saver);
        Response upload = server.upload(bytes);
        assertThat(upload.status()).as("%s", upload).isIn(200, 201);
        JsonNode body = upload.json();
        assertThat(body.path("format").asText()).isEqualTo(format);
        assertThat(body.path("width").asInt() + "x" + body.path("height").asInt()).isEqualTo("200x100");

        Response original = server.get("/images/" + upload.id());
        assertThat(original.header("Content-Type")).isEqualTo(contentType);
        assertThat(original.body()).isEqualTo(bytes);

        Response r = server.render(upload.id(), "w=100");
        assertThat(r.header("Content-Type")).isEqualTo(renditionType);
        Picture.decode(r.body()).assertSize(100, 50).assertQuadrants("red green blue white");
    }

    @Test
    void animatedWebpIsAnInput() {
        String gif = server.store(Images.animatedGif(10));
        byte[] webp = server.render(gif, "fm=webp").body();
        String id = server.store(webp);
        JsonNode info = server.get("/images/" + id + "/info").json();
        assertThat(info.path("format").asText()).isEqualTo("webp");
        assertThat(info.path("pages").asInt()).isEqualTo(10);
        assertThat(info.path("width").asInt() + "x" + info.path("height").asInt()).isEqualTo("40x30");

        Picture p = Picture.decode(server.render(id, "w=20&fm=gif").body()).assertSize(20, 15);
        assertThat(p.pages()).isEqualTo(10);
        assertThat(p.at(9, 10, 7)[0]).as("last frame is white").isGreaterThan(240);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "w=20&h=20              | 20 | 20",
            "w=20&h=20&fit=contain  | 20 | 20",
            "w=20&rot=90            | 20 | 27",
            "crop=0,0,20,20&w=10    | 10 | 10",
            "w=20&h=20&g=smart      | 20 | 20"})
    void animatedTransformsApplyToEveryFrame(String query, int width, int height) {
        String gif = server.store(Images.animatedGif(10));
        Picture p = Picture.decode(server.render(gif, query).body()).assertSize(width, height);
        assertThat(p.pages()).isEqualTo(10);
        assertThat(p.at(0, width / 2, height / 2)[0]).as("frame 0 dark").isLessThan(20);
        assertThat(p.at(9, width / 2, height / 2)[0]).as("frame 9 bright").isGreaterThan(235);
    }
}
