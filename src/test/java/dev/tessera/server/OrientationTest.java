package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.testing.Corpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EXIF orientation is applied before everything else, for all eight values. */
class OrientationTest extends ServerTest {
    static String ladybird;

    @BeforeAll
    static void prepare() {
        ladybird = server.store(Corpus.photo("ladybird.jpg"));
    }

    /** The quadrant JPEG stored with each orientation tag, as it must be displayed. */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource(delimiter = '|', value = {
            "1 | 200 | 100 | red green blue white",
            "2 | 200 | 100 | green red white blue",
            "3 | 200 | 100 | white blue green red",
            "4 | 200 | 100 | blue white red green",
            "5 | 100 | 200 | red blue green white",
            "6 | 100 | 200 | blue red white green",
            "7 | 100 | 200 | white green blue red",
            "8 | 100 | 200 | green white red blue",
    })
    void rendersUpright(int orientation, int width, int height, String colours) {
        String id = server.store(Images.quadrantsJpeg(orientation));
        JsonNode info = server.get("/images/" + id + "/info").json();
        assertThat(info.path("orientation").asInt()).isEqualTo(orientation);
        assertThat(info.path("width").asInt() + "x" + info.path("height").asInt()).isEqualTo(width + "x" + height);

        server.picture(id, "fm=png").assertSize(width, height).assertQuadrants(colours);
        Picture jpeg = server.picture(id, "w=" + width / 2).assertSize(width / 2, height / 2).assertQuadrants(colours);
        assertThat(jpeg.hasOrientationTag()).as("orientation tag stripped, or viewers turn it again").isFalse();
    }

    @Test
    void cropAndRotationApplyToTheUprightImage() {
        String id = server.store(Images.quadrantsJpeg(6)); // upright: blue red / white green, 100x200
        server.picture(id, "crop=0,0,50,100").assertSize(50, 100).assertQuadrants("blue blue blue blue");
        server.picture(id, "crop=50,100,50,100").assertQuadrants("green green green green");
        server.picture(id, "rot=90").assertSize(200, 100).assertQuadrants("white blue green red");
        server.picture(id, "flip=h").assertQuadrants("red blue green white");
        server.picture(id, "w=100&h=100&g=north").assertQuadrants("blue red blue red");
    }

    @ParameterizedTest(name = "{0} = ladybird rot={1}")
    @CsvSource({"exif-orient-6.jpg, 90", "exif-orient-8.jpg, 270"})
    void corpusOrientationMatchesAnExplicitRotation(String file, int rot) {
        String id = server.store(Corpus.edge(file));
        Picture tagged = server.picture(id, "w=100").assertSize(100, 160);
        Picture rotated = server.picture(ladybird, "w=100&rot=" + rot).assertSize(100, 160);
        Picture unrotated = server.picture(ladybird, "w=100&h=160&fit=fill");
        assertThat(tagged.meanDifference(rotated)).as("difference to the rotated photo").isLessThan(3);
        assertThat(tagged.meanDifference(unrotated)).as("difference to the unrotated photo").isGreaterThan(10);
    }
}
