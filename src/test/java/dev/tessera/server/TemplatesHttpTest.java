package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.server.Picture.Rgb;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates over real HTTP with real libvips: stored, rendered from the URL, probed pixel by pixel. */
class TemplatesHttpTest {
    static final String[] ACME = {"Authorization", "Bearer k-acme"};
    static final String[] OTHER = {"Authorization", "Bearer k-other"};
    static final Rgb BACKGROUND = Rgb.hex("2050a0");
    static final Rgb RECT = Rgb.hex("e53935");

    @TempDir
    static Path data;
    static TestServer server;
    static String red;

    @BeforeAll
    static void start() {
        server = TestServer.start(data, "TESSERA_API_KEYS", "acme:k-acme,other:k-other");
        red = server.upload(Images.solidPng(400, 400, Rgb.RED), ACME).id();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String ad(String extra) {
        return """
                {"width": 400, "height": 300, "background": "2050a0", "layers": [
                  {"type": "image", "source": "{image}", "x": 20, "y": 20, "w": 160, "h": 160, "fit": "cover"},
                  {"type": "rect", "x": 200, "y": 20, "w": 160, "h": 100, "color": "e53935", "radius": 30},
                  {"type": "rect", "if": "sale", "x": 200, "y": 150, "w": 100, "h": 100, "color": "00ff00"}%s]}
                """.formatted(extra);
    }

    static Response put(String name, String json, String... auth) {
        return server.send(server.request("/templates/" + name, auth).PUT(BodyPublishers.ofString(json)).build());
    }

    static Picture render(String path) {
        Response r = server.get(path);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return Picture.decode(r.body());
    }

    @Test
    void drawsBackgroundImageAndRoundedRect() {
        assertThat(put("ad", ad(""), ACME).status()).isIn(200, 201);
        Picture p = render("/render/ad?image=id:" + red);
        p.assertSize(400, 300).assertColour(5, 5, BACKGROUND, 2).assertColour(390, 290, BACKGROUND, 2);
        p.assertColour(100, 100, Rgb.RED, 2).assertColour(21, 21, Rgb.RED, 2).assertColour(179, 179, Rgb.RED, 2);
        p.assertColour(185, 100, BACKGROUND, 2).assertColour(100, 185, BACKGROUND, 2);
        p.assertColour(280, 70, RECT, 2).assertColour(200, 70, RECT, 2).assertColour(280, 119, RECT, 2);
        p.assertColour(201, 21, BACKGROUND, 2).assertColour(358, 118, BACKGROUND, 2); // outside the corners
        int blended = 0; // anti-aliased: the corner's arc (~47 px long) is drawn with pixels between both colours
        for (int y = 20; y < 50; y++) {
            for (int x = 200; x < 230; x++) {
                if (p.rgb(x, y).distance(BACKGROUND) > 8 && p.rgb(x, y).distance(RECT) > 8) blended++;
            }
        }
        assertThat(blended).as("blended pixels in the corner").isBetween(20, 120);
    }

    @Test
    void conditionalLayerShownOnlyWithItsSlot() {
        put("ad", ad(""), ACME);
        render("/render/ad?image=id:" + red).assertColour(250, 200, BACKGROUND, 2);
        render("/render/ad?image=id:" + red + "&sale=").assertColour(250, 200, BACKGROUND, 2);
        render("/render/ad?image=id:" + red + "&sale=yes").assertColour(250, 200, Rgb.GREEN, 2);
    }

    @Test
    void dprScalesTheWholeCanvas() {
        put("ad", ad(""), ACME);
        Picture p = render("/render/ad?image=id:" + red + "&dpr=2");
        p.assertSize(800, 600).assertColour(350, 350, Rgb.RED, 2).assertColour(370, 200, BACKGROUND, 2)
                .assertColour(560, 140, RECT, 2);
    }

    @Test
    void outputFormatsAndEtag() {
        put("ad", ad(""), ACME);
        Response first = server.get("/render/ad?image=id:" + red + "&fm=jpeg&q=90&x=ignored");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(first.header("Cache-Control")).isEqualTo("public, max-age=3600");
        assertThat(first.header("Server-Timing")).isNotBlank();
        Response again = server.get("/render/ad?image=id:" + red + "&fm=jpeg&q=90");
        assertThat(again.header("X-Cache")).isNotEqualTo("miss");
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        Response notModified = server.get("/render/ad?image=id:" + red + "&fm=jpeg&q=90",
                "If-None-Match", first.header("ETag"));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(server.get("/render/ad?image=id:" + red + "&fm=webp").header("Content-Type"))
                .isEqualTo("image/webp");
        Api.assertParamError(server.get("/render/ad?image=id:" + red + "&fm=gif"), "fm");
        Api.assertParamError(server.get("/render/ad?image=id:" + red + "&dpr=5"), "dpr");
    }

    @Test
    void missingSlotIsA400NamingIt() {
        put("ad", ad(""), ACME);
        Api.assertParamError(server.get("/render/ad"), "image");
        Api.assertParamError(server.get("/render/ad?image=not-a-source"), "image");
        Api.assertError(server.get("/render/nope?image=id:" + red), 404);
    }

    @Test
    void invalidDefinitionsNameTheField() {
        assertField(put("bad", ad("").replace("\"w\": 160, \"h\": 100", "\"h\": 100"), ACME), "layers[1].w");
        assertField(put("bad", ad("").replace("2050a0", "#2050a0"), ACME), "background");
        assertField(put("bad", ad("").replace("\"rect\", \"if\"", "\"circle\", \"if\""), ACME), "layers[2].type");
        assertField(put("bad", ad("").replace("\"fit\": \"cover\"", "\"fit\": \"cover\", \"font\": \"x\""), ACME),
                "layers[0].font");
        assertField(put("bad", ad("").replace("\"x\": 20,", "\"x\": 20, \"bogus\": 1,"), ACME), "layers[0].bogus");
        assertField(put("bad", ad("").replace("\"w\": 160, \"h\": 160", "\"w\": \"160\", \"h\": 160"), ACME),
                "layers[0].w");
        assertField(put("bad", ad("").replace("\"width\": 400", "\"width\": 9000"), ACME), "width");
        assertField(put("bad", "[1]", ACME), "body");
        assertField(put("bad", ad(", {\"type\": \"text\", \"text\": \"{p}\", \"x\": 0, \"y\": 0, \"w\": 9, "
                + "\"h\": 9, \"size\": 9, \"format\": \"price\", \"currency\": \"EURO\", \"locale\": \"de\"}"),
                ACME), "layers[3].currency");
        assertThat(server.get("/templates/bad").status()).isEqualTo(404);
        Api.assertParamError(put("Bad%20Name", ad(""), ACME), "name");
    }

    private static void assertField(Response r, String field) {
        assertThat(Api.assertError(r, 400).path("code").asText()).isEqualTo("invalid_template");
        Api.assertParamError(r, field);
    }

    @Test
    void ownerOnlyUpdatesAndUpdatesNeverServeStaleRenders() {
        Response created = put("owned", ad(""), ACME);
        assertThat(created.status()).isEqualTo(201);
        assertThat(put("owned", ad(""), ACME).status()).isEqualTo(200);
        Api.assertError(put("owned", ad(""), OTHER), 403);
        Api.assertError(put("owned", ad(""), "Authorization", "Bearer wrong"), 401);
        render("/render/owned?image=id:" + red).assertColour(5, 5, BACKGROUND, 2);
        assertThat(put("owned", ad("").replace("2050a0", "ffff00"), ACME).status()).isEqualTo(200);
        render("/render/owned?image=id:" + red).assertColour(5, 5, Rgb.hex("ffff00"), 2);
        assertThat(server.get("/templates/owned").json().path("background").asText()).isEqualTo("ffff00");
    }

    @Test
    void failingImageSourceIsNever200NorCached() {
        put("ad", ad(""), ACME);
        byte[] later = Images.solidPng(64, 64, Rgb.GREEN);
        String path = "/render/ad?image=id:" + Api.sha256(later);
        Response missing = server.get(path);
        Api.assertError(missing, 404);
        assertThat(missing.header("Cache-Control")).isEqualTo("no-store");
        server.upload(later, ACME);
        render(path).assertColour(100, 100, Rgb.GREEN, 2);
    }

    @Test
    void fallbackImageStandsInForAFailingSource() {
        put("fallback", ad("").replace("\"fit\": \"cover\"", "\"fit\": \"cover\", \"fallback\": \"id:" + red + "\""),
                ACME);
        render("/render/fallback?image=id:" + "0".repeat(64)).assertColour(100, 100, Rgb.RED, 2);
    }
}
