package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.server.Picture.Rgb;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How layers are composed, over real HTTP with real libvips: opaque layers and layers with alpha, partly outside
 * the canvas, a translucent background in formats with and without alpha, and image layers decoded once.
 */
class TemplateCompositionHttpTest {
    static final String[] ACME = {"Authorization", "Bearer k-acme"};
    static final Rgb BACKGROUND = Rgb.hex("2050a0");

    @TempDir
    static Path data;
    static TestServer server;
    static String red;

    @BeforeAll
    static void start() {
        server = TestServer.start(data, "TESSERA_API_KEYS", "acme:k-acme");
        red = server.upload(Images.solidPng(300, 300, Rgb.RED), ACME).id();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static void put(String name, String json) {
        Response r = server.send(server.request("/templates/" + name, ACME).PUT(BodyPublishers.ofString(json)).build());
        assertThat(r.status()).as("%s", r).isIn(200, 201);
    }

    static Picture render(String path) {
        Response r = server.get(path);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return Picture.decode(r.body());
    }

    @Test
    void layersPartlyOutsideTheCanvasAndTranslucentLayers() {
        put("edges", """
                {"width": 300, "height": 200, "background": "2050a0", "layers": [
                  {"type": "image", "source": "{image}", "x": -50, "y": -20, "w": 120, "h": 120, "fit": "cover"},
                  {"type": "rect", "x": 250, "y": 150, "w": 100, "h": 100, "color": "00ff00"},
                  {"type": "rect", "x": 100, "y": 50, "w": 80, "h": 80, "color": "ffffff80"},
                  {"type": "image", "source": "{image}", "x": 200, "y": 10, "w": 60, "h": 60, "radius": 20}]}""");
        Picture p = render("/render/edges?image=id:" + red);
        p.assertSize(300, 200).assertColour(0, 0, Rgb.RED, 2).assertColour(69, 99, Rgb.RED, 2);
        p.assertColour(71, 50, BACKGROUND, 2).assertColour(10, 101, BACKGROUND, 2);
        p.assertColour(299, 199, Rgb.GREEN, 2).assertColour(250, 150, Rgb.GREEN, 2).assertColour(249, 160, BACKGROUND, 2);
        // white at alpha 128/255 over the background
        p.assertColour(140, 90, new Rgb(143, 168, 208), 3).assertColour(99, 90, BACKGROUND, 2);
        p.assertColour(230, 40, Rgb.RED, 2).assertColour(201, 11, BACKGROUND, 2).assertColour(258, 68, BACKGROUND, 2);
    }

    @Test
    void translucentBackgroundKeptInPngAndFlattenedOnWhiteInJpeg() {
        put("glass", """
                {"width": 200, "height": 100, "background": "ff000080", "layers": [
                  {"type": "image", "source": "{image}", "x": 100, "y": 0, "w": 100, "h": 100},
                  {"type": "rect", "x": 20, "y": 20, "w": 40, "h": 40, "color": "0000ff80"}]}""");
        Picture png = render("/render/glass?image=id:" + red + "&fm=png");
        assertThat(png.bands()).isEqualTo(4);
        assertThat(png.at(5, 5)).containsExactly(255, 0, 0, 128);
        assertThat(png.at(150, 50)).containsExactly(255, 0, 0, 255);
        int[] both = png.at(40, 40); // blue at 128 over red at 128: alpha 192
        assertThat(both[3]).isBetween(190, 193);
        assertThat(both[2]).isGreaterThan(both[0]);
        Picture jpeg = render("/render/glass?image=id:" + red + "&fm=jpeg");
        jpeg.assertColour(5, 5, new Rgb(255, 127, 127), 4).assertColour(150, 50, Rgb.RED, 4);
    }

    @Test
    void anImageLayerIsDecodedOncePerBoxForManyAds() {
        put("hot", """
                {"width": 200, "height": 100, "background": "ffffff", "layers": [
                  {"type": "image", "source": "{image}", "x": 0, "y": 0, "w": 100, "h": 100, "fit": "cover"},
                  {"type": "rect", "if": "sale", "x": 120, "y": 20, "w": 60, "h": 60, "color": "00ff00"}]}""");
        long before = decodes();
        render("/render/hot?image=id:" + red).assertColour(50, 50, Rgb.RED, 2).assertColour(150, 50, Rgb.WHITE, 2);
        assertThat(decodes()).isEqualTo(before + 1);
        for (String sale : new String[] {"yes", "20", "now"}) {
            render("/render/hot?image=id:" + red + "&sale=" + sale).assertColour(50, 50, Rgb.RED, 2)
                    .assertColour(150, 50, Rgb.GREEN, 2);
        }
        assertThat(decodes()).as("the same image in the same box: decoded once").isEqualTo(before + 1);
        put("hot-small", """
                {"width": 200, "height": 100, "layers": [
                  {"type": "image", "source": "{image}", "x": 0, "y": 0, "w": 50, "h": 50, "fit": "cover"}]}""");
        render("/render/hot-small?image=id:" + red).assertColour(25, 25, Rgb.RED, 2)
                .assertColour(75, 75, Rgb.WHITE, 2);
        assertThat(decodes()).as("another box: decoded again").isEqualTo(before + 2);
    }

    @Test
    void aCanvasKeptFromTheLastRenderIsPaintedAfreshInEveryFormat() {
        put("paint", """
                {"width": 160, "height": 90, "background": "ffffff", "layers": [
                  {"type": "rect", "x": 0, "y": 0, "w": 160, "h": 90, "color": "00ff00"}]}""");
        put("blank", """
                {"width": 160, "height": 90, "background": "ffffff", "layers": [
                  {"type": "rect", "x": 0, "y": 0, "w": 10, "h": 10, "color": "0000ff"}]}""");
        for (String fm : new String[] {"png", "jpeg"}) {
            render("/render/paint?fm=" + fm).assertColour(80, 45, Rgb.GREEN, 4);
            // the same canvas size: the render takes the array the one before gave back
            render("/render/blank?fm=" + fm).assertColour(80, 45, Rgb.WHITE, 4)
                    .assertColour(159, 89, Rgb.WHITE, 4).assertColour(3, 3, Rgb.BLUE, 4);
        }
    }

    static long decodes() {
        Matcher m = Pattern.compile("(?m)^tessera_templates_image_decodes_total(\\{[^}]*})? ([0-9.]+)")
                .matcher(server.get("/metrics").text());
        return m.find() ? (long) Double.parseDouble(m.group(2)) : 0;
    }
}
