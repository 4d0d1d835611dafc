package dev.tessera.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A one-tile, uncompressed RGB TIFF with an ImageDescription, written byte by byte (as slide scanners tag theirs). */
public final class TiledTiff {
    /** How Aperio scanners start the description, which is all OpenSlide looks for. */
    public static final String APERIO = "Aperio Image Library v10.0.51\r\n16x16 [0,0 16x16] |AppMag = 20";

    private TiledTiff() {}

    public static byte[] rgb(int width, int height, String description) {
        byte[] text = (description + "\0").getBytes(StandardCharsets.US_ASCII);
        int tile = 16, pixels = tile * tile * 3, entries = 12;
        int ifd = 8, bits = ifd + 2 + entries * 12 + 4, textAt = bits + 6, data = textAt + text.length;
        ByteBuffer b = ByteBuffer.allocate(data + pixels).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        b.putShort((short) entries);
        entry(b, 256, 3, 1, width);         // ImageWidth
        entry(b, 257, 3, 1, height);        // ImageLength
        entry(b, 258, 3, 3, bits);          // BitsPerSample -> 8,8,8
        entry(b, 259, 3, 1, 1);             // Compression: none
        entry(b, 262, 3, 1, 2);             // Photometric: RGB
        entry(b, 270, 2, text.length, textAt); // ImageDescription
        entry(b, 277, 3, 1, 3);             // SamplesPerPixel
        entry(b, 284, 3, 1, 1);             // PlanarConfiguration: chunky
        entry(b, 322, 3, 1, tile);          // TileWidth
        entry(b, 323, 3, 1, tile);          // TileLength
        entry(b, 324, 4, 1, data);          // TileOffsets
        entry(b, 325, 4, 1, pixels);        // TileByteCounts
        b.putInt(0);
        b.putShort((short) 8).putShort((short) 8).putShort((short) 8);
        b.put(text);
        for (int i = 0; i < pixels; i++) b.put((byte) (i % 3 == 0 ? 200 : 40));
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) b.putShort((short) value).putShort((short) 0);
        else b.putInt(value);
    }
}
