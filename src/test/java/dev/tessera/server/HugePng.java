package dev.tessera.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** The first bytes of a PNG whose header declares huge dimensions: a signature, an IHDR and the start of an IDAT. */
final class HugePng {
    private HugePng() {}

    static byte[] prefix(int width, int height, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        int idatLength = 100_000_000;
        out.writeBytes(ByteBuffer.allocate(8).putInt(idatLength).put("IDAT".getBytes(StandardCharsets.US_ASCII)).array());
        out.writeBytes(new byte[] {0x78, (byte) 0x9C}); // a zlib header; what follows never completes
        while (out.size() < length) out.write(0);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
