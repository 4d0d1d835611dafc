package dev.tessera.cache;

import dev.tessera.image.ImageFormat;
import dev.tessera.image.Rendition;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The stored form of a rendition: a header (magic, CRC32C, width, height, content type, body length), then
 * the body. The CRC32C covers everything after itself. One read of the object by its key gives everything;
 * a foreign, truncated or altered object is a {@link CorruptRenditionException}.
 */
final class RenditionCodec {
    /** The header's size without the content type's bytes. */
    static final int FIXED_HEADER_BYTES = 22;

    private static final int MAGIC = 0x54524e32; // "TRN2"
    private static final int CHECKED_FROM = 8; // the magic and the CRC are not covered

    private RenditionCodec() {}

    /** Thrown for a stored object that is not a rendition exactly as written. */
    static final class CorruptRenditionException extends IOException {
        CorruptRenditionException(String message) {
            super(message);
        }
    }

    /** The stored size of a rendition. */
    static long encodedSize(Rendition rendition) {
        return FIXED_HEADER_BYTES + rendition.contentType().getBytes(UTF_8).length + rendition.body().length;
    }

    static InputStream encode(Rendition rendition) {
        byte[] type = rendition.contentType().getBytes(UTF_8);
        if (type.length > 0xffff) throw new IllegalArgumentException("content type too long");
        ByteBuffer header = ByteBuffer.allocate(FIXED_HEADER_BYTES + type.length)
                .putInt(MAGIC)
                .putInt(0) // the CRC, below
                .putInt(rendition.width())
                .putInt(rendition.height())
                .putShort((short) type.length)
                .put(type)
                .putInt(rendition.body().length);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), CHECKED_FROM, header.capacity() - CHECKED_FROM);
        crc.update(rendition.body());
        header.putInt(4, (int) crc.getValue());
        return new SequenceInputStream(
                new ByteArrayInputStream(header.array()), new ByteArrayInputStream(rendition.body()));
    }

    static Rendition decode(InputStream in) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(in.readAllBytes());
        try {
            if (data.getInt() != MAGIC) throw new CorruptRenditionException("not a stored rendition");
            int stored = data.getInt();
            CRC32C crc = new CRC32C();
            crc.update(data.duplicate());
            if ((int) crc.getValue() != stored) throw new CorruptRenditionException("checksum mismatch");
            int width = data.getInt();
            int height = data.getInt();
            byte[] type = new byte[data.getShort() & 0xffff];
            data.get(type);
            int length = data.getInt();
            if (length != data.remaining()) throw new CorruptRenditionException("stored rendition of the wrong length");
            byte[] body = new byte[length];
            data.get(body);
            ImageFormat format = ImageFormat.fromMimeType(new String(type, UTF_8))
                    .orElseThrow(() -> new CorruptRenditionException("stored rendition of an unknown type"));
            return new Rendition(body, format, width, height);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptRenditionException("truncated stored rendition");
        }
    }
}
