package dev.tessera.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What PngWriter writes, read back by libvips' PNG loader (libpng): the same pixels, exactly. */
class PngWriterTest {
    private static byte[] pixels(int w, int h, int bands, long seed) {
        byte[] p = new byte[w * h * bands];
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w * bands; x++) {
                // a gradient with noise and a band of random bytes: rows differ, the up filter wraps around
                p[y * w * bands + x] = (byte) (y > h / 2 ? random.nextInt(256) : x * 7 + y * 3 + random.nextInt(4));
            }
        }
        return p;
    }

    private static byte[] decoded(byte[] png, int w, int h, int bands) {
        try (VipsImage image = Vips.operation("pngload_buffer").set("buffer", png).image()) {
            assertThat(image.width()).isEqualTo(w);
            assertThat(image.height()).isEqualTo(h);
            assertThat(image.bands()).isEqualTo(bands);
            assertThat(image.bandFormat()).isEqualTo("uchar");
            return image.toBytes();
        }
    }

    @Test
    void rgbAndRgbaDecodeToTheSamePixelsAtEveryLevel() {
        for (int bands : new int[] {3, 4}) {
            for (int level : new int[] {1, 6, 12}) {
                byte[] in = pixels(97, 41, bands, level * 10L + bands);
                byte[] png = new PngWriter(level).write(in, 97, 41, bands);
                assertThat(decoded(png, 97, 41, bands)).as("bands %d level %d", bands, level).isEqualTo(in);
            }
        }
    }

    @Test
    void aHigherLevelIsNoLargerAndFlatPixelsCompressWell() {
        byte[] in = pixels(300, 200, 3, 1);
        assertThat(new PngWriter(12).write(in, 300, 200, 3).length)
                .isLessThanOrEqualTo(new PngWriter(1).write(in, 300, 200, 3).length);
        byte[] flat = new byte[300 * 200 * 3];
        assertThat(new PngWriter(1).write(flat, 300, 200, 3).length).isLessThan(1000);
        assertThat(decoded(new PngWriter(1).write(flat, 300, 200, 3), 300, 200, 3)).isEqualTo(flat);
    }

    @Test
    void onePixel() {
        byte[] in = {10, 20, 30, 40};
        assertThat(decoded(new PngWriter(1).write(in, 1, 1, 4), 1, 1, 4)).isEqualTo(in);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new PngWriter(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PngWriter(13)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PngWriter(1).write(new byte[11], 2, 2, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PngWriter(1).write(new byte[8], 2, 2, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
