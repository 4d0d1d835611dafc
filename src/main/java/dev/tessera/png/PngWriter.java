package dev.tessera.png;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * PNG files of 8-bit RGB or RGBA pixels (no metadata): every row "up"-filtered (its difference from the row
 * above), the rows compressed by libdeflate at a level from 1 (fastest) to 12 (smallest). Made for composed
 * canvases, where libpng + zlib cost 3-4x as much for larger files.
 */
public final class PngWriter {
    public static final int MIN_LEVEL = 1;
    public static final int MAX_LEVEL = 12;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte FILTER_UP = 2;

    private final int level;

    public PngWriter(int level) {
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new IllegalArgumentException("a PNG compression level is " + MIN_LEVEL + ".." + MAX_LEVEL);
        }
        this.level = level;
    }

    /** The PNG of {@code pixels}: row-major, {@code bands} (3: RGB, 4: RGBA, not premultiplied) bytes a pixel. */
    public byte[] write(byte[] pixels, int width, int height, int bands) {
        if (bands != 3 && bands != 4) throw new IllegalArgumentException("PNG pixels have 3 or 4 bands, not " + bands);
        if (width <= 0 || height <= 0 || (long) width * height * bands != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " bytes are not " + width + "x" + height + "x" + bands);
        }
        byte[] idat = LibDeflate.zlib(filtered(pixels, width * bands, height), level);
        byte[] png = new byte[SIGNATURE.length + 3 * 12 + 13 + idat.length];
        System.arraycopy(SIGNATURE, 0, png, 0, SIGNATURE.length);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bit depth; compression, filter method and interlace stay 0
        header[9] = (byte) (bands == 4 ? 6 : 2); // colour type: RGBA or RGB
        int at = chunk(png, SIGNATURE.length, "IHDR", header);
        at = chunk(png, at, "IDAT", idat);
        chunk(png, at, "IEND", new byte[0]);
        return png;
    }

    /** Each row as its filter type byte then its bytes minus the row above's (the first row: as it is). */
    private static byte[] filtered(byte[] pixels, int stride, int height) {
        byte[] rows = new byte[(stride + 1) * height];
        for (int y = 0; y < height; y++) {
            int o = y * (stride + 1), r = y * stride;
            rows[o++] = FILTER_UP;
            if (y == 0) {
                System.arraycopy(pixels, 0, rows, o, stride);
                continue;
            }
            for (int x = 0, p = r - stride; x < stride; x++) rows[o + x] = (byte) (pixels[r + x] - pixels[p + x]);
        }
        return rows;
    }

    /** Writes the chunk (length, type, data, CRC) into {@code png} at {@code at}; returns where it ends. */
    private static int chunk(byte[] png, int at, String type, byte[] data) {
        putInt(png, at, data.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, png, at + 4, 4);
        System.arraycopy(data, 0, png, at + 8, data.length);
        CRC32 crc = new CRC32();
        crc.update(png, at + 4, 4 + data.length);
        putInt(png, at + 8 + data.length, (int) crc.getValue());
        return at + 12 + data.length;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
