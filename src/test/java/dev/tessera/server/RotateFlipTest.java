package dev.tessera.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rot and flip through HTTP; every turn is in {@code processing.RendererPixelTest}. */
class RotateFlipTest extends ServerTest {
    static String quadrants;

    @BeforeAll
    static void prepare() {
        quadrants = server.store(Images.quadrantsPng());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "rot=90          | 100 | 200 | blue red white green",
            "flip=h          | 200 | 100 | green red white blue",
            "rot=90&w=50     | 50  | 100 | blue red white green",
    })
    void quadrantsMove(String query, int width, int height, String colours) {
        server.picture(quadrants, query).assertSize(width, height).assertQuadrants(colours);
    }
}
