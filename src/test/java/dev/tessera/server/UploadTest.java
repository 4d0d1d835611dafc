package dev.tessera.server;

import static dev.tessera.server.Api.assertError;
import static dev.tessera.server.Api.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.server.Picture.Rgb;
import dev.tessera.testing.Corpus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /images: created vs found, multipart, and every kind of bad upload refused before storing. */
class UploadTest extends ServerTest {

    @Test
    void rawUploadIsCreatedThenFound() {
        byte[] png = Images.quadrantsPng();
        String id = sha256(png);

        Response first = server.upload(png);
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(first.header("Content-Type")).startsWith("application/json");
        assertThat(first.header("Location")).isEqualTo("/images/" + id);
        JsonNode body = first.json();
        assertThat(body.path("id").asText()).isEqualTo(id).matches("[0-9a-f]{64}");
        assertThat(body.path("width").asInt()).isEqualTo(200);
        assertThat(body.path("height").asInt()).isEqualTo(100);
        assertThat(body.path("format").asText()).isEqualTo("png");
        assertThat(body.path("bytes").asLong()).isEqualTo(png.length);
        assertThat(body.path("url").asText()).isEqualTo("/images/" + id);

        Response again = server.upload(png);
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.header("Location")).isEqualTo("/images/" + id);
        assertThat(again.json()).isEqualTo(body);
    }

    @Test
    void uploadResponseGivesTheDisplayedSize() {
        JsonNode body = server.upload(Corpus.edge("exif-orient-6.jpg")).json();
        assertThat(body.path("width").asInt()).isEqualTo(1600);
        assertThat(body.path("height").asInt()).isEqualTo(2560);
    }

    @Test
    void multipartFileFieldGivesTheSameIdAsRaw() {
        byte[] png = Images.solidPng(30, 20, new Rgb(1, 2, 3));
        Response multipart = server.uploadMultipart("file", png);
        assertThat(multipart.status()).as("%s", multipart).isEqualTo(201);
        assertThat(multipart.id()).isEqualTo(sha256(png));
        assertThat(multipart.json().path("bytes").asLong()).isEqualTo(png.length);

        Response raw = server.upload(png);
        assertThat(raw.status()).as("%s", raw).isEqualTo(200);
        assertThat(raw.id()).isEqualTo(multipart.id());
    }

    @Test
    void multipartWithoutFileFieldIs400() {
        Response r = server.uploadMultipart("image", Images.solidPng(30, 20, new Rgb(4, 5, 6)));
        assertError(r, 400);
    }

    @Test
    void pngBombIsRefusedWithoutDecoding() {
        byte[] bomb = TestServer.read(Corpus.edge("bomb-30000x30000.png"));
        server.get("/health"); // warm the connection
        long start = System.nanoTime();
        Response r = server.upload(bomb);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertError(r, 422);
        assertThat(millis).as("ms to refuse a 30000x30000 PNG").isLessThan(2000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated.jpg", "corrupt-midstream.jpg"})
    void undecodableIs422(String file) {
        assertError(server.upload(Corpus.edge(file)), 422);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pngsave_buffer", "jpegsave_buffer", "webpsave_buffer", "gifsave_buffer",
            "heifsave_buffer", "tiffsave_buffer"})
    void truncatedIs422(String saver) {
        Response r = server.upload(Images.truncated(Images.quadrantsAs(saver)));
        assertError(r, 422);
    }

    @Test
    void tooManyFramesIs422() {
        assertError(server.upload(Images.animatedGif(300)), 422);
    }

    @Test
    void malformedMultipartIs400() {
        Response r = server.send(server.request("/images", "Content-Type", "multipart/form-data; boundary=xyz")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("not multipart at all")).build());
        assertError(r, 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zero-bytes.jpg", "text-not-image.jpg"})
    void notAnImageIs415(String file) {
        assertError(server.upload(Corpus.edge(file)), 415);
    }

    @Test
    void svgIs415() {
        assertError(server.upload(Images.svg(), "Content-Type", "image/svg+xml"), 415);
    }

    @Test
    void badUploadsStoreNothing() {
        List<String> before = server.storedKeys("originals/");
        for (String file : List.of("bomb-30000x30000.png", "truncated.jpg", "corrupt-midstream.jpg",
                "zero-bytes.jpg", "text-not-image.jpg")) {
            assertThat(server.upload(Corpus.edge(file)).status()).as(file).isBetween(400, 499);
        }
        assertThat(server.upload(Images.svg()).status()).isEqualTo(415);
        assertThat(server.uploadMultipart("image", Images.quadrantsJpeg()).status()).isEqualTo(400);

        assertThat(server.storedKeys("originals/")).isEqualTo(before);
        assertThat(server.spooled()).as("spool files left behind").isEmpty();
        assertThat(server.get("/health").status()).isEqualTo(200);
    }
}
