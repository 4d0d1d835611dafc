package dev.tessera.cache;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;

/**
 * The stored form of a rendition: a header (magic, width, height, content type, body length), then the
 * body. One read of the object by its key gives everything; a foreign or truncated object is an IOException.
 */
final class RenditionCodec {
    /** The header's size without the content type's bytes. */
    static final int FIXED_HEADER_BYTES = 18;

    private static final int MAGIC = 0x54524e31; // "TRN1"

    private RenditionCodec() {}

    static InputStream encode(CachedRendition rendition) {
        byte[] type = rendition.contentType().getBytes(UTF_8);
        if (type.length > 0xffff) throw new IllegalArgumentException("content type too long");
        ByteBuffer header = ByteBuffer.allocate(FIXED_HEADER_BYTES + type.length)
                .putInt(MAGIC)
                .putInt(rendition.width())
                .putInt(rendition.height())
                .putShort((short) type.length)
                .put(type)
                .putInt(rendition.body().length);
        return new SequenceInputStream(
                new ByteArrayInputStream(header.array()), new ByteArrayInputStream(rendition.body()));
    }

    static CachedRendition decode(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != MAGIC) throw new IOException("not a stored rendition");
        int width = data.readInt();
        int height = data.readInt();
        String type = new String(data.readNBytes(data.readUnsignedShort()), UTF_8);
        int length = data.readInt();
        if (length < 0) throw new IOException("corrupt stored rendition");
        byte[] body = data.readNBytes(length);
        if (body.length != length || data.read() != -1) throw new IOException("stored rendition of the wrong length");
        try {
            return new CachedRendition(body, type, width, height);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt stored rendition", e);
        }
    }
}
