package dev.tessera.server;

import static dev.tessera.server.Api.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.server.Picture.Rgb;
import dev.tessera.testing.Corpus;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /images/{id}, /info, DELETE, and ids and routes that are not there. */
class OriginalsTest extends ServerTest {

    @ParameterizedTest
    @CsvSource({"photos/ladybird.jpg, image/jpeg", "edge/tiny-1x1.png, image/png",
            "edge/animated-10f.gif, image/gif", "edge/photo.webp, image/webp"})
    void originalIsServedByteForByte(String file, String contentType) {
        byte[] bytes = TestServer.read(Corpus.dir().resolve(file));
        String id = server.store(bytes);
        Response r = server.get("/images/" + id);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo(contentType);
        assertThat(r.body()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({
            "edge/exif-orient-6.jpg, jpeg, 1600, 2560, 6, false, 1",
            "edge/exif-orient-8.jpg, jpeg, 1600, 2560, 8, false, 1",
            "photos/ladybird.jpg,    jpeg, 2560, 1600, 1, false, 1",
            "edge/animated-10f.gif,  gif,  320,  240,  1, true,  10",
            "edge/alpha-rgba.png,    png,  1600, 1000, 1, true,  1",
            "edge/photo.webp,        webp, 3000, 2250, 1, false, 1"})
    void infoDescribesTheImageAsDisplayed(String file, String format, int width, int height, int orientation,
                                          boolean hasAlpha, int pages) {
        byte[] bytes = TestServer.read(Corpus.dir().resolve(file));
        String id = server.store(bytes);
        Response r = server.get("/images/" + id + "/info");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode info = r.json();
        assertThat(info.path("id").asText()).isEqualTo(id);
        assertThat(info.path("format").asText()).isEqualTo(format);
        assertThat(info.path("width").asInt()).isEqualTo(width);
        assertThat(info.path("height").asInt()).isEqualTo(height);
        assertThat(info.path("bytes").asLong()).isEqualTo(bytes.length);
        assertThat(info.path("orientation").asInt()).isEqualTo(orientation);
        assertThat(info.path("hasAlpha").isBoolean()).isTrue();
        assertThat(info.path("hasAlpha").asBoolean()).isEqualTo(hasAlpha);
        assertThat(info.path("pages").asInt()).isEqualTo(pages);
    }

    @Test
    void deleteRemovesTheImage() {
        byte[] png = Images.solidPng(20, 20, new Rgb(9, 8, 7));
        String id = server.store(png);
        Response deleted = server.delete("/images/" + id);
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();

        assertError(server.get("/images/" + id), 404);
        assertError(server.get("/images/" + id + "/info"), 404);
        assertError(server.get("/images/" + id + "?w=10"), 404);
        assertError(server.delete("/images/" + id), 404);
        assertThat(server.upload(png).status()).as("uploaded again after delete").isEqualTo(201);
    }

    @Test
    void unknownIdIs404() {
        String id = "0".repeat(64);
        assertError(server.get("/images/" + id), 404);
        assertError(server.get("/images/" + id + "/info"), 404);
        assertError(server.get("/images/" + id + "?w=10"), 404);
        assertError(server.delete("/images/" + id), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xyz", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
            "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
            "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..", "%00", "a%20b",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.bmp"})
    void malformedIdIsAJsonClientError(String id) {
        for (String path : new String[] {"/images/" + id, "/images/" + id + "/info", "/images/" + id + "?w=10"}) {
            Response r = server.get(path);
            assertThat(r.status()).as("GET %s: %s", path, r).isIn(400, 404);
            assertError(r, r.status());
        }
        Response deleted = server.delete("/images/" + id);
        assertThat(deleted.status()).as("DELETE %s", id).isIn(400, 404);
        assertError(deleted, deleted.status());
    }

    @Test
    void connectionAfterAMalformedRequestIsNotReused() {
        for (int i = 0; i < 20; i++) { // a POST is not retried on a stale connection: it must get a fresh one
            assertError(server.get("/images/%00"), 400);
            assertError(server.send(server.request("/health").POST(BodyPublishers.noBody()).build()), 405);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/images/0000000000000000000000000000000000000000000000000000000000000000/nope",
            "/favicon.ico", "/images/x/y/z"})
    void unknownRouteIs404Json(String path) {
        assertError(server.get(path), 404);
    }

    @Test
    void wrongMethodIs405Json() {
        String id = server.store(Images.quadrantsPng());
        assertError(server.send(server.request("/images").DELETE().build()), 405); // GET /images lists uploads
        assertError(server.send(server.request("/images").PUT(BodyPublishers.ofString("x")).build()), 405);
        assertError(server.send(server.request("/health").POST(BodyPublishers.noBody()).build()), 405);
        assertError(server.send(server.request("/images/" + id).method("PATCH", BodyPublishers.noBody()).build()), 405);
        assertError(server.send(server.request("/images/" + id + "/info").DELETE().build()), 405);
    }
}
