package dev.tessera.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rot and flip move the quadrants where they should go. */
class RotateFlipTest extends ServerTest {
    static String quadrants;

    @BeforeAll
    static void prepare() {
        quadrants = server.store(Images.quadrantsPng());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "rot=0&fm=png    | 200 | 100 | red green blue white",
            "rot=90          | 100 | 200 | blue red white green",
            "rot=180         | 200 | 100 | white blue green red",
            "rot=270         | 100 | 200 | green white red blue",
            "flip=h          | 200 | 100 | green red white blue",
            "flip=v          | 200 | 100 | blue white red green",
            "flip=hv         | 200 | 100 | white blue green red",
            // the box is in output orientation
            "rot=90&w=50     | 50  | 100 | blue red white green",
            "rot=90&w=100&h=100 | 100 | 100 | blue red white green",
    })
    void quadrantsMove(String query, int width, int height, String colours) {
        server.picture(quadrants, query).assertSize(width, height).assertQuadrants(colours);
    }
}
