package dev.tessera.server;

import static dev.tessera.server.Api.assertParamError;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** g and crop=X,Y,W,H through HTTP; every gravity and crop is in {@code processing.RendererPixelTest}. */
class GravityCropTest extends ServerTest {
    static String quadrants;

    @BeforeAll
    static void prepare() {
        quadrants = server.store(Images.quadrantsPng());
    }

    /** A 100x100 cover of the 200x100 image keeps a left, middle or right square. */
    @ParameterizedTest(name = "g={0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "west       | red red blue blue",
            "east       | green green white white",
            "fp:0.9,0.5 | green green white white",
    })
    void horizontalCoverCrop(String gravity, String quadrantColours) {
        server.picture(quadrants, "w=100&h=100&g=" + gravity).assertSize(100, 100).assertQuadrants(quadrantColours);
    }

    @ParameterizedTest(name = "crop={0}")
    @CsvSource(delimiter = '|', value = {
            "0,0,100,50    | 100x50 | red red red red",
            "150,0,100,100 | 50x100 | green green white white",
    })
    void cropTakesARegionBeforeResizing(String crop, String size, String colours) {
        String[] wh = size.split("x");
        server.picture(quadrants, "crop=" + crop).assertSize(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]))
                .assertQuadrants(colours);
    }

    @Test
    void cropOutsideTheImageIs400() {
        assertParamError(server.get("/images/" + quadrants + "?crop=200,0,10,10"), "crop");
        assertParamError(server.get("/images/" + quadrants + "?crop=0,100,10,10"), "crop");
    }
}
