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

    @Test
    void keptCompressorsWriteCorrectFilesForSmallerLargerAndConcurrentImages() throws Exception {
        PngWriter writer = new PngWriter(1, 2, 1 << 20);
        int[][] sizes = {{200, 100}, {31, 7}, {400, 300}, {3, 2}, {200, 100}};
        for (int[] s : sizes) {
            byte[] in = pixels(s[0], s[1], 3, s[0]);
            assertThat(decoded(writer.write(in, s[0], s[1], 3), s[0], s[1], 3)).as("%dx%d", s[0], s[1]).isEqualTo(in);
        }
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int t = 0; t < 16; t++) {
                int w = 50 + t * 13, h = 20 + t;
                byte[] in = pixels(w, h, 4, t);
                results.add(threads.submit(() -> java.util.Arrays.equals(decoded(writer.write(in, w, h, 4), w, h, 4), in)));
            }
            for (var r : results) assertThat(r.get()).isTrue();
        }
    }

    @Test
    void aCompressorKeepsNoBuffersLargerThanItsBoundAndAtMostItsCountIdle() {
        CompressorPool pool = new CompressorPool(1, 1, 1000);
        byte[] small = pool.zlib(100, in -> in.fill((byte) 7), 0, 0);
        assertThat(small.length).isLessThan(100);
        assertThat(pool.idle()).isEqualTo(1);
        try (LibDeflate.Compressor c = new LibDeflate.Compressor(1)) {
            c.zlib(5000, in -> in.fill((byte) 1), 0, 0);
            assertThat(c.bufferBytes()).isGreaterThanOrEqualTo(5000);
            c.shrink();
            assertThat(c.bufferBytes()).isZero();
            assertThat(c.zlib(10, in -> in.fill((byte) 1), 2, 3)).hasSizeGreaterThan(5);
        }
        pool.zlib(5000, in -> in.fill((byte) 1), 0, 0); // over the bound: its buffers go, the compressor stays
        assertThat(pool.idle()).isEqualTo(1);
    }
}
