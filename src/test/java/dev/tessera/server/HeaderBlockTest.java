package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.junit.jupiter.api.Test;

/** The fixed headers of a cached entry, written as one field: each as its own header line, never a line break inside. */
class HeaderBlockTest {
    @Test
    void writesEachFieldAsItsOwnLineAndIsFoundAsItsFirst() {
        HeaderBlock block = new HeaderBlock(new HttpField(HttpHeader.ETAG, "\"abc\""),
                new HttpField("X-Cache", "hit-memory"), new HttpField("X-Served-By", "node\r\nSet-Cookie: x=1"));
        ByteBuffer out = ByteBuffer.allocate(256);
        block.putTo(out, HttpVersion.HTTP_1_1);

        String written = new String(out.array(), 0, out.position(), StandardCharsets.ISO_8859_1);
        assertThat(written).isEqualTo("ETag: \"abc\"\r\nX-Cache: hit-memory\r\nX-Served-By: node  Set-Cookie: x=1\r\n");
        assertThat(block.getEncodedLength(HttpVersion.HTTP_1_1)).isEqualTo(written.length());
        assertThat(block.getHeader()).isEqualTo(HttpHeader.ETAG);
        assertThat(block.getValue()).isEqualTo("\"abc\"");
    }
}
