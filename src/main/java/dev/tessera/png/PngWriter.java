package dev.tessera.png;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * PNG files of 8-bit RGB or RGBA pixels (no metadata): every row "up"-filtered (its difference from the row
 * above), the rows compressed by libdeflate at a level from 1 (fastest) to 12 (smallest). Made for composed
 * canvases, where libpng + zlib cost 3-4x as much for larger files. Its compressors and their native buffers
 * are kept between calls (at most one per core, buffers up to {@link #KEPT_BUFFER_BYTES} each).
 */
public final class PngWriter {
    public static final int MIN_LEVEL = 1;
    public static final int MAX_LEVEL = 12;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte FILTER_UP = 2;

    /** Native buffers a kept compressor may hold: a 1200x628 RGB canvas at dpr 2 needs 2 x 9 MB. */
    static final long KEPT_BUFFER_BYTES = 32L << 20;

    private final CompressorPool compressors;

    public PngWriter(int level) {
        this(level, Runtime.getRuntime().availableProcessors(), KEPT_BUFFER_BYTES);
    }

    PngWriter(int level, int maxIdleCompressors, long keptBufferBytes) {
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new IllegalArgumentException("a PNG compression level is " + MIN_LEVEL + ".." + MAX_LEVEL);
        }
        this.compressors = new CompressorPool(level, maxIdleCompressors, keptBufferBytes);
    }

    /** The PNG of {@code pixels}: row-major, {@code bands} (3: RGB, 4: RGBA, not premultiplied) bytes a pixel. */
    public byte[] write(byte[] pixels, int width, int height, int bands) {
        if (bands != 3 && bands != 4) throw new IllegalArgumentException("PNG pixels have 3 or 4 bands, not " + bands);
        if (width <= 0 || height <= 0 || (long) width * height * bands != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " bytes are not " + width + "x" + height + "x" + bands);
        }
        int stride = width * bands;
        int head = SIGNATURE.length + 12 + 13 + 8; // then the IDAT chunk's data, its CRC and the IEND chunk
        byte[] png = compressors.zlib((long) (stride + 1) * height, in -> filter(pixels, stride, height, in), head,
                4 + 12);
        System.arraycopy(SIGNATURE, 0, png, 0, SIGNATURE.length);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bit depth; compression, filter method and interlace stay 0
        header[9] = (byte) (bands == 4 ? 6 : 2); // colour type: RGBA or RGB
        System.arraycopy(header, 0, png, SIGNATURE.length + 8, header.length);
        chunk(png, SIGNATURE.length, "IHDR", header.length);
        int end = chunk(png, head - 8, "IDAT", png.length - head - 4 - 12);
        chunk(png, end, "IEND", 0);
        return png;
    }

    /** Each row as its filter type byte then its bytes minus the row above's (the first row: as it is). */
    private static void filter(byte[] pixels, int stride, int height, MemorySegment out) {
        byte[] row = new byte[stride + 1];
        row[0] = FILTER_UP;
        for (int y = 0; y < height; y++) {
            int r = y * stride;
            if (y == 0) {
                System.arraycopy(pixels, 0, row, 1, stride);
            } else {
                for (int x = 0, p = r - stride; x < stride; x++) row[x + 1] = (byte) (pixels[r + x] - pixels[p + x]);
            }
            MemorySegment.copy(row, 0, out, JAVA_BYTE, (long) y * (stride + 1), stride + 1);
        }
    }

    /**
     * Completes the chunk at {@code at} whose {@code length} data bytes are in place after its length and type:
     * writes the length, type and CRC; returns where the chunk ends.
     */
    private static int chunk(byte[] png, int at, String type, int length) {
        putInt(png, at, length);
        System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, png, at + 4, 4);
        CRC32 crc = new CRC32();
        crc.update(png, at + 4, 4 + length);
        putInt(png, at + 8 + length, (int) crc.getValue());
        return at + 12 + length;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
