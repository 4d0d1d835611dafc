package dev.tessera.processing;

import dev.tessera.image.ImageException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.options.Gravity;
import dev.tessera.options.Queries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeometryTest {
    @ParameterizedTest(name = "{0}x{1} ?{2} -> resize {3}x{4}, {5} to {6}x{7}")
    @CsvSource(delimiter = ';', value = {
        // source; query; resize WxH; box fit; output WxH
        "4000;3000;'';4000;3000;NONE;4000;3000",
        "4000;3000;w=400;400;300;NONE;400;300",
        "4000;3000;h=300;400;300;NONE;400;300",
        "4000;3000;w=400&dpr=2;800;600;NONE;800;600",
        "4000;3000;w=300&h=300;400;300;CROP;300;300",
        "4000;3000;w=300&h=300&fit=cover;400;300;CROP;300;300",
        "4000;3000;w=300&h=300&fit=contain;300;225;PAD;300;300",
        "4000;3000;w=300&h=300&fit=inside;300;225;NONE;300;225",
        "4000;3000;w=300&h=300&fit=outside;400;300;NONE;400;300",
        "4000;3000;w=300&h=100&fit=fill;300;100;NONE;300;100",
        "400;300;w=800;400;300;NONE;400;300",
        "400;300;w=800&enlarge=1;800;600;NONE;800;600",
        "400;300;w=800&h=800&fit=cover;400;300;NONE;400;300",
        "400;300;w=800&h=800&fit=contain;400;300;PAD;800;800",
        "4000;3000;w=300&rot=90;400;300;NONE;300;400",
        "4000;3000;w=300&h=100&rot=90;400;300;CROP;300;100",
        "1;1;w=100&h=100&fit=cover&enlarge=1;100;100;NONE;100;100",
        "8000;500;w=10;10;1;NONE;10;1",
    })
    void plansSizes(int sw, int sh, String query, int rw, int rh, Geometry.BoxFit fit, int ow, int oh) {
        Geometry g = Geometry.plan(sw, sh, Queries.parse(query));
        assertThat(g.resizeWidth()).as("resize width").isEqualTo(rw);
        assertThat(g.resizeHeight()).as("resize height").isEqualTo(rh);
        assertThat(g.boxFit()).isEqualTo(fit);
        assertThat(g.outputWidth()).as("output width").isEqualTo(ow);
        assertThat(g.outputHeight()).as("output height").isEqualTo(oh);
    }

    @Test
    void refusesASideTooLargeInsteadOfWrappingAround() {
        assertThatThrownBy(() -> Geometry.plan(100_000, 1, Queries.parse("h=8192&dpr=4&enlarge=1")))
                .isInstanceOfSatisfying(ImageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ImageException.Reason.OUTPUT_TOO_LARGE);
                    assertThat(e.param()).isEqualTo("h");
                });
        assertThat(Geometry.plan(100_000, 1, Queries.parse("h=8&enlarge=1")).resizeWidth()).isEqualTo(800_000);
    }

    @ParameterizedTest(name = "{0}: crop 100 of 400 at x={1}, y={2}")
    @CsvSource({
        "CENTER,150,150", "NORTH,150,0", "SOUTH,150,300", "EAST,300,150", "WEST,0,150",
        "NORTHEAST,300,0", "NORTHWEST,0,0", "SOUTHEAST,300,300", "SOUTHWEST,0,300",
    })
    void placesByCompassGravity(Gravity.Kind kind, int x, int y) {
        Gravity g = Gravity.of(kind);
        assertThat(Geometry.place(g, true, 400, 100)).isEqualTo(x);
        assertThat(Geometry.place(g, false, 400, 100)).isEqualTo(y);
    }

    @ParameterizedTest(name = "focal {0} on 400 -> {1}")
    @CsvSource({"0.5,150", "0.0,0", "1.0,300", "0.9,300", "0.25,50"})
    void centresTheCropOnTheFocalPointWithinBounds(double focus, int expected) {
        assertThat(Geometry.place(Gravity.focal(focus, focus), true, 400, 100)).isEqualTo(expected);
    }
}
