package dev.tessera.vips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VipsOperationTest {

    @Test
    void reportsVersion814OrLater() {
        assertThat(Vips.version()).matches("8\\.(1[4-9]|[2-9]\\d)\\.\\d+");
    }

    @Test
    void createsAnImageAndReadsItsProperties() {
        try (VipsImage black = Vips.operation("black").set("width", 40).set("height", 30).set("bands", 3).image()) {
            assertThat(black.width()).isEqualTo(40);
            assertThat(black.height()).isEqualTo(30);
            assertThat(black.bands()).isEqualTo(3);
            assertThat(black.hasAlpha()).isFalse();
            assertThat(black.bandFormat()).isEqualTo("uchar");
        }
    }

    @Test
    void passesDoubleArraysAndReadsDoubleOutputs() {
        try (VipsImage black = Vips.operation("black").set("width", 10).set("height", 10).image();
             VipsImage grey = Vips.operation("linear").set("in", black)
                     .set("a", new double[] {1}).set("b", new double[] {100}).image()) {
            assertThat(Vips.operation("avg").set("in", grey).doubleValue("out")).isEqualTo(100.0);
        }
    }

    @Test
    void roundTripsBlobsThroughSaveAndLoad() {
        byte[] jpeg;
        try (VipsImage black = Vips.operation("black").set("width", 64).set("height", 48).set("bands", 3).image()) {
            jpeg = Vips.operation("jpegsave_buffer").set("in", black).set("Q", 90).set("strip", true).blob("buffer");
        }
        assertThat(jpeg).startsWith(0xFF, 0xD8, 0xFF);
        try (VipsImage loaded = Vips.operation("jpegload_buffer").set("buffer", jpeg).image()) {
            assertThat(loaded.width()).isEqualTo(64);
            assertThat(loaded.height()).isEqualTo(48);
            assertThat(loaded.interpretation()).isEqualTo("srgb");
        }
    }

    @Test
    void takesEnumsByNick() {
        try (VipsImage black = Vips.operation("black").set("width", 20).set("height", 10).image();
             VipsImage rotated = Vips.operation("rot").set("in", black).set("angle", "d90").image()) {
            assertThat(rotated.width()).isEqualTo(10);
            assertThat(rotated.height()).isEqualTo(20);
        }
    }

    @Test
    void readsSeveralOutputs() {
        try (VipsImage black = Vips.operation("black").set("width", 5).set("height", 5).image()) {
            Map<String, Object> out = Vips.operation("max").set("in", black).call("out", "x", "y");
            assertThat(out).containsEntry("out", 0.0).containsKeys("x", "y");
        }
    }

    @Test
    void turnsLibvipsErrorsIntoExceptionsWithItsMessage() {
        assertThatThrownBy(() -> Vips.operation("jpegload_buffer").set("buffer", new byte[] {1, 2, 3}).image())
                .isInstanceOf(VipsException.class).hasMessageContaining("jpegload_buffer");
        assertThatThrownBy(() -> Vips.operation("no_such_op").image())
                .isInstanceOf(VipsException.class).hasMessageContaining("no_such_op");
        assertThatThrownBy(() -> Vips.operation("black").set("nonsense", 1).image())
                .isInstanceOf(VipsException.class).hasMessageContaining("nonsense");
        try (VipsImage black = Vips.operation("black").set("width", 5).set("height", 5).image()) {
            assertThatThrownBy(() -> Vips.operation("rot").set("in", black).set("angle", "d45").image())
                    .isInstanceOf(VipsException.class).hasMessageContaining("d45");
        }
    }

    @Test
    void joinsImageArrays() {
        try (VipsImage a = Vips.operation("black").set("width", 10).set("height", 5).image();
             VipsImage b = Vips.operation("black").set("width", 10).set("height", 5).image();
             VipsImage joined = Vips.operation("arrayjoin").set("in", new VipsImage[] {a, b}).set("across", 1).image()) {
            assertThat(joined.width()).isEqualTo(10);
            assertThat(joined.height()).isEqualTo(10);
        }
    }

    @Test
    void readsAndSetsMetadata() {
        try (VipsImage black = Vips.operation("black").set("width", 5).set("height", 5).image();
             VipsImage copy = Vips.operation("copy").set("in", black).image()) {
            assertThat(copy.intField("orientation")).isEmpty();
            copy.setIntField("orientation", 6);
            assertThat(copy.intField("orientation")).hasValue(6);
            assertThat(copy.removeField("orientation")).isTrue();
            assertThat(copy.intField("orientation")).isEmpty();
        }
    }
}
