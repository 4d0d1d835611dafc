package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.server.Picture.Rgb;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text layers over HTTP: ink only inside the text box, and the worked example of docs/templates.md renders. */
class TemplateTextHttpTest {
    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(data);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    static Response put(String name, String json) {
        return server.send(server.request("/templates/" + name).PUT(BodyPublishers.ofString(json)).build());
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void textStaysInsideItsBox() {
        put("words", """
                {"width": 300, "height": 150, "background": "ffffff", "layers": [{"type": "text", "text": "{t}",
                 "x": 50, "y": 40, "w": 200, "h": 60, "size": 24, "maxLines": 2, "color": "000000"}]}""");
        for (String title : new String[] {"Wide " + "words ".repeat(40), "حذاء جري خفيف للطرق الوعرة ".repeat(5),
                "👟🔥🎨 ".repeat(20), "<b>&amp;</b> x"}) {
            Response r = server.get("/render/words?t=" + q(title));
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            Picture p = Picture.decode(r.body());
            int inkInside = 0;
            for (int y = 0; y < 150; y++) {
                for (int x = 0; x < 300; x++) {
                    boolean inside = x >= 50 && x < 250 && y >= 40 && y < 100;
                    boolean ink = p.rgb(x, y).distance(Rgb.WHITE) > 0;
                    if (ink && inside) inkInside++;
                    assertThat(ink && !inside).as("ink at (%d,%d) outside the box for %s", x, y, title).isFalse();
                }
            }
            assertThat(inkInside).as("ink inside the box for %s", title).isGreaterThan(50);
        }
    }

    @Test
    void layoutTellsEachTextLayersSizeLinesAndCut() {
        put("fits", """
                {"width": 400, "height": 200, "layers": [
                 {"type": "rect", "x": 0, "y": 0, "w": 10, "h": 10, "color": "000000"},
                 {"type": "text", "text": "{t}", "x": 10, "y": 10, "w": 300, "h": 120, "size": 32, "minSize": 16,
                  "maxLines": 2}]}""");
        Response shortTitle = server.get("/templates/fits/layout?t=" + q("Shoes"));
        assertThat(shortTitle.status()).as("%s", shortTitle).isEqualTo(200);
        assertThat(shortTitle.header("Cache-Control")).isEqualTo("no-store");
        assertThat(shortTitle.json().path("layers").toString())
                .isEqualTo("[{\"layer\":\"layers[1]\",\"size\":32,\"lines\":1,\"cut\":false}]");

        var longTitle = server.get("/templates/fits/layout?t=" + q("Trail running shoes ".repeat(30)))
                .json().path("layers").get(0);
        assertThat(longTitle.path("size").asInt()).isEqualTo(16); // shrunk to minSize before cutting
        assertThat(longTitle.path("lines").asInt()).isEqualTo(2);
        assertThat(longTitle.path("cut").asBoolean()).isTrue();

        Response dpr = server.get("/templates/fits/layout?dpr=2&t=" + q("Shoes"));
        assertThat(dpr.json().path("layers").get(0).path("size").asInt()).isEqualTo(64);
        assertThat(server.get("/templates/fits/layout").json().path("error").path("param").asText()).isEqualTo("t");
    }

    @Test
    void workedExampleRenders() throws Exception {
        String template = Files.readString(Path.of("examples/ad-template.json"));
        assertThat(put("product-ad", template).status()).isEqualTo(201);
        String photo = server.upload(Images.solidPng(1000, 1000, Rgb.BLUE)).id();
        String logo = server.upload(Images.solidPng(200, 80, Rgb.BLACK)).id();
        String base = "/render/product-ad?image=id:" + photo + "&logo=id:" + logo + "&price=1299.5&title=";
        for (String title : new String[] {"Trail running shoes", "حذاء جري خفيف", "Sneakers 👟🔥"}) {
            Response r = server.get(base + q(title) + "&sale=" + q("-30 %"));
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            Picture p = Picture.decode(r.body()).assertSize(1200, 628);
            p.assertColour(300, 400, Rgb.BLUE, 2).assertColour(820, 515, Rgb.hex("e53935"), 2)
                    .assertColour(1190, 10, Rgb.WHITE, 0).assertColour(30, 56, Rgb.hex("ffc107"), 2);
        }
        Picture noSale = Picture.decode(server.get(base + q("x")).body());
        noSale.assertColour(30, 56, Rgb.BLUE, 2);
        Api.assertParamError(server.get(base.replace("price=1299.5", "price=12,5") + q("x")), "price");
    }
}
