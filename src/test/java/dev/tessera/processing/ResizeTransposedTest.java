package dev.tessera.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tessera.testing.Corpus;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Resize}'s transposed reduction (the horizontal pass as a vertical one on the quarter turn) against
 * libvips' own lanczos3 resize, on a photo's 1068x712 decode: colour and grey, across the shrinks it takes and the
 * first it leaves to libvips.
 */
class ResizeTransposedTest {
    private static byte[] photo;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(Vips.vectorPaths(), "the transposed reduction runs only with libvips' vector code");
        photo = Files.readAllBytes(Corpus.photo("sunset.jpg"));
    }

    @ParameterizedTest(name = "{2} bands shrunk {0} x {1}: transposed {3}")
    @CsvSource({
            "1.05, 1.1, 3, true", "1.67, 1.67, 3, true", "2.5, 2.5, 3, true", "2.95, 2.95, 3, true",
            "3.1, 3.1, 3, false", "1.67, 1.02, 3, true", "1.05, 1, 3, false", "1.05, 0.9, 3, false",
            "1.05, 1.1, 1, true", "2.5, 2.5, 1, true", "3.1, 3.1, 1, false"})
    void reducesAsLibvipsResizeDoes(double across, double down, int bands, boolean transposed) {
        try (ImageScope scope = new ImageScope(); KillSwitch deadline = deadline()) {
            VipsImage frame = scope.add(decode(scope, bands, "random").copyMemory());
            int width = (int) Math.round(frame.width() / across);
            int height = (int) Math.round(frame.height() / down);
            double hshrink = (double) frame.width() / width;
            double vshrink = (double) frame.height() / height;
            assertThat(Resize.transposes(frame, hshrink, vshrink)).isEqualTo(transposed);
            VipsImage resized = scope.add(Resize.to(frame, width, height, scope, deadline).copyMemory());
            VipsImage expected = scope.add(Vips.operation("resize").set("in", frame).set("scale", 1 / hshrink)
                    .set("vscale", 1 / vshrink).set("kernel", "lanczos3").set("gap", 0.0).image());
            assertThat(resized.width()).isEqualTo(width);
            assertThat(resized.height()).isEqualTo(height);
            assertThat(resized.bands()).isEqualTo(bands);
            assertThat(psnr(resized, expected, scope)).isGreaterThan(transposed ? 50 : 200);
        }
    }

    /** The loader's sequential read: the vertical pass is computed into memory before any out-of-order read. */
    @Test
    void readsASequentialDecodeOnceTopToBottom() {
        try (ImageScope scope = new ImageScope(); KillSwitch deadline = deadline()) {
            VipsImage sequential = decode(scope, 3, "sequential");
            VipsImage memory = scope.add(decode(scope, 3, "random").copyMemory());
            byte[] fromSequential = Resize.to(sequential, 600, 450, scope, deadline).toBytes();
            assertThat(fromSequential).isEqualTo(Resize.to(memory, 600, 450, scope, deadline).toBytes());
        }
    }

    @Test
    void leavesAlphaAndSixteenBitsToLibvips() {
        try (ImageScope scope = new ImageScope()) {
            VipsImage rgb = scope.add(decode(scope, 3, "random").copyMemory());
            VipsImage alpha = scope.add(Vips.operation("bandjoin_const").set("in", rgb).set("c", new double[] {255})
                    .image());
            VipsImage wide = scope.add(Vips.operation("cast").set("in", rgb).set("format", "ushort").image());
            assertThat(Resize.transposes(rgb, 2, 2)).isTrue();
            assertThat(Resize.transposes(alpha, 2, 2)).isFalse();
            assertThat(Resize.transposes(wide, 2, 2)).isFalse();
            assertThat(Resize.transposes(rgb, 2, 1)).isFalse(); // nothing to reduce vertically
        }
    }

    private static VipsImage decode(ImageScope scope, int bands, String access) {
        VipsImage loaded = scope.add(Vips.operation("jpegload_buffer").set("buffer", photo).set("shrink", 4)
                .set("access", access).image());
        return bands == 3 ? loaded : scope.add(Vips.operation("colourspace").set("in", loaded).set("space", "b-w")
                .image());
    }

    private static KillSwitch deadline() {
        return new KillSwitch(Duration.ofMinutes(1), KillSwitch.TIMER, System::nanoTime);
    }

    private static double psnr(VipsImage a, VipsImage b, ImageScope scope) {
        VipsImage diff = scope.add(Vips.operation("subtract").set("left", a).set("right", b).image());
        VipsImage squared = scope.add(Vips.operation("multiply").set("left", diff).set("right", diff).image());
        double mse = Vips.operation("avg").set("in", squared).doubleValue("out");
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
