package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.server.Picture.Rgb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** w, h, dpr, fit and enlarge on the 200x100 quadrant PNG. */
class ResizeTest extends ServerTest {
    static String quadrants;

    @BeforeAll
    static void prepare() {
        quadrants = server.store(Images.quadrantsPng());
    }

    @ParameterizedTest(name = "{0} -> {1}x{2}")
    @CsvSource(delimiter = '|', value = {
            "w=100                  | 100 | 50",
            "h=50                   | 100 | 50",
            "w=100&h=50             | 100 | 50",
            "w=100&dpr=2            | 200 | 100",
            "w=40&dpr=2.5           | 100 | 50",
            "h=20&dpr=1.5           | 60  | 30",
            "w=50&h=50&dpr=2        | 100 | 100",
            // a 100x100 box on a 2:1 source
            "w=100&h=100&fit=cover   | 100 | 100",
            "w=100&h=100&fit=contain | 100 | 100",
            "w=100&h=100&fit=fill    | 100 | 100",
            "w=100&h=100&fit=inside  | 100 | 50",
            "w=100&h=100&fit=outside | 200 | 100",
            "w=100&h=100             | 100 | 100",
            // a 50x50 box
            "w=50&h=50&fit=inside   | 50  | 25",
            "w=50&h=50&fit=outside  | 100 | 50",
            "w=50&h=50&fit=fill     | 50  | 50",
            // a 1:1 source size on one side only
            "w=150&h=20&fit=inside  | 40  | 20",
            "w=150&h=20&fit=outside | 150 | 75",
            "w=150&h=20&fit=cover   | 150 | 20",
    })
    void outputSize(String query, int width, int height) {
        server.picture(quadrants, query).assertSize(width, height);
    }

    @Test
    void fillStretchesEveryQuadrant() {
        server.picture(quadrants, "w=100&h=100&fit=fill").assertQuadrants("red green blue white");
    }

    @Test
    void containPadsAboveAndBelowAWideImageWithTheBackground() {
        Picture p = server.picture(quadrants, "w=100&h=100&fit=contain&bg=ff00ff").assertSize(100, 100);
        Rgb magenta = Rgb.hex("ff00ff");
        p.assertColour(50, 5, magenta).assertColour(50, 94, magenta).assertColour(0, 0, magenta);
        p.assertColour(25, 35, Rgb.RED).assertColour(75, 35, Rgb.GREEN)
                .assertColour(25, 65, Rgb.BLUE).assertColour(75, 65, Rgb.WHITE);
    }

    @Test
    void containPadsTheSidesWhenTheBoxIsWider() {
        Picture p = server.picture(quadrants, "w=200&h=50&fit=contain&bg=000000").assertSize(200, 50);
        p.assertColour(10, 25, Rgb.BLACK).assertColour(189, 25, Rgb.BLACK);
        p.assertColour(75, 12, Rgb.RED).assertColour(125, 37, Rgb.WHITE);
    }

    @Test
    void containPaddingIsWhiteByDefault() {
        server.picture(quadrants, "w=100&h=100&fit=contain").assertColour(50, 5, Rgb.WHITE, 0);
    }

    @Test
    void containWithTransparentBackgroundPadsWithAlpha() {
        Picture p = server.picture(quadrants, "w=100&h=100&fit=contain&bg=00000000&fm=png");
        assertThat(p.bands()).isEqualTo(4);
        assertThat(p.at(50, 5)[3]).as("alpha of the padding").isZero();
        assertThat(p.at(25, 35)[3]).as("alpha of the image").isEqualTo(255);
    }

    @ParameterizedTest(name = "{0} -> {1}x{2}")
    @CsvSource(delimiter = '|', value = {
            "w=400                   | 200 | 100",
            "w=400&enlarge=0         | 200 | 100",
            "w=400&enlarge=1         | 400 | 200",
            "h=300&enlarge=1         | 600 | 300",
            "w=100&dpr=4             | 200 | 100",
            "w=100&dpr=4&enlarge=1   | 400 | 200",
            "w=400&h=400&fit=fill&enlarge=1 | 400 | 400",
    })
    void enlargeOnlyWhenAsked(String query, int width, int height) {
        server.picture(quadrants, query).assertSize(width, height);
    }

    @Test
    void enlargedImageKeepsItsQuadrants() {
        server.picture(quadrants, "w=400&enlarge=1").assertQuadrants("red green blue white");
    }
}
