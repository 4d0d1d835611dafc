package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** w, h, dpr, fit and enlarge through HTTP; their pixels are in {@code processing.RendererPixelTest}. */
class ResizeTest extends ServerTest {
    static String quadrants;

    @BeforeAll
    static void prepare() {
        quadrants = server.store(Images.quadrantsPng());
    }

    @ParameterizedTest(name = "{0} -> {1}x{2}")
    @CsvSource(delimiter = '|', value = {
            "w=100                  | 100 | 50",
            "w=100&dpr=2            | 200 | 100",
            "w=100&h=100             | 100 | 100",
            "w=100&h=100&fit=inside  | 100 | 50",
    })
    void outputSize(String query, int width, int height) {
        server.picture(quadrants, query).assertSize(width, height);
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
            "w=400&enlarge=1         | 400 | 200",
    })
    void enlargeOnlyWhenAsked(String query, int width, int height) {
        server.picture(quadrants, query).assertSize(width, height);
    }
}
