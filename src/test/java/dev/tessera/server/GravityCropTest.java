package dev.tessera.server;

import static dev.tessera.server.Api.assertParamError;

import dev.tessera.server.Picture.Rgb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which part a cover crop keeps (g), and crop=X,Y,W,H, proven by pixels of the quadrant PNG. */
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
            "northwest  | red red blue blue",
            "southwest  | red red blue blue",
            "east       | green green white white",
            "northeast  | green green white white",
            "southeast  | green green white white",
            "center     | red green blue white",
            "north      | red green blue white",
            "south      | red green blue white",
            "fp:0.9,0.5 | green green white white",
            "fp:1,0     | green green white white",
            "fp:0.1,0.5 | red red blue blue",
            "fp:0,1     | red red blue blue",
            "fp:0.5,0.5 | red green blue white",
    })
    void horizontalCoverCrop(String gravity, String quadrantColours) {
        server.picture(quadrants, "w=100&h=100&g=" + gravity).assertSize(100, 100).assertQuadrants(quadrantColours);
    }

    /** A 200x50 cover of the 200x100 image keeps a top, middle or bottom strip. */
    @ParameterizedTest(name = "g={0}")
    @CsvSource(delimiter = '|', value = {
            "north      | 50,25:red 150,25:green",
            "northeast  | 50,25:red 150,25:green",
            "south      | 50,25:blue 150,25:white",
            "southwest  | 50,25:blue 150,25:white",
            "center     | 50,10:red 150,10:green 50,40:blue 150,40:white",
            "west       | 50,10:red 50,40:blue",
            "fp:0.5,0.9 | 50,25:blue 150,25:white",
            "fp:0.5,0.1 | 50,25:red 150,25:green",
    })
    void verticalCoverCrop(String gravity, String probes) {
        Picture p = server.picture(quadrants, "w=200&h=50&g=" + gravity).assertSize(200, 50);
        for (String probe : probes.split(" ")) {
            String[] xy = probe.split("[,:]");
            p.assertColour(Integer.parseInt(xy[0]), Integer.parseInt(xy[1]), Rgb.named(xy[2]));
        }
    }

    @Test
    void focalPointMovesTheWindowOffCentre() {
        // 50x50 of the image shrunk to 100x50: centre keeps x 25..75, fp 0.7 keeps x 45..95
        server.picture(quadrants, "w=50&h=50&g=center").assertColour(20, 10, Rgb.RED);
        server.picture(quadrants, "w=50&h=50&g=fp:0.7,0.5").assertColour(20, 10, Rgb.GREEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"smart", "entropy"})
    void smartAndEntropyCropsHaveTheBoxSize(String gravity) {
        server.picture(quadrants, "w=100&h=100&g=" + gravity).assertSize(100, 100);
        server.picture(quadrants, "w=60&h=90&g=" + gravity).assertSize(60, 90);
    }

    @ParameterizedTest(name = "crop={0}")
    @CsvSource(delimiter = '|', value = {
            "0,0,100,50    | 100x50 | red red red red",
            "100,0,100,50  | 100x50 | green green green green",
            "0,50,100,50   | 100x50 | blue blue blue blue",
            "100,50,100,50 | 100x50 | white white white white",
            "50,25,100,50  | 100x50 | red green blue white",
            "150,0,100,100 | 50x100 | green green white white",
    })
    void cropTakesARegionBeforeResizing(String crop, String size, String colours) {
        String[] wh = size.split("x");
        server.picture(quadrants, "crop=" + crop).assertSize(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]))
                .assertQuadrants(colours);
    }

    @Test
    void cropThenResize() {
        Picture p = server.picture(quadrants, "crop=0,0,100,50&w=20").assertSize(20, 10);
        p.assertColour(0, 0, Rgb.RED, 10).assertColour(19, 9, Rgb.RED, 10);
        server.picture(quadrants, "crop=50,0,100,100&w=50&h=50&fit=fill").assertQuadrants("red green blue white");
    }

    @Test
    void cropOutsideTheImageIs400() {
        assertParamError(server.get("/images/" + quadrants + "?crop=200,0,10,10"), "crop");
        assertParamError(server.get("/images/" + quadrants + "?crop=0,100,10,10"), "crop");
    }
}
