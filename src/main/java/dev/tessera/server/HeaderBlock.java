package dev.tessera.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * Several fixed response headers written as one field, encoded once: Jetty's HTTP/1.1 generator reads a response's
 * fields by index, and the response's field list answers each index by walking from its first field, so a response
 * costs a walk per field (most of the generator's time on a memory hit). Only for fields Jetty itself never reads
 * (not Content-Length, Content-Type, Connection, Transfer-Encoding), and only on HTTP/1. Looked up, the
 * block is its first field.
 */
final class HeaderBlock extends PreEncodedHttpField {
    private final byte[] lines;

    HeaderBlock(HttpField... fields) {
        super(fields[0].getHeader(), fields[0].getName(), fields[0].getValue());
        this.lines = Arrays.stream(fields).map(f -> f.getName() + ": " + f.getValue().replaceAll("[\r\n]", " ")
                + "\r\n").collect(Collectors.joining()).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void putTo(ByteBuffer buffer, HttpVersion version) {
        buffer.put(lines);
    }

    @Override
    public int getEncodedLength(HttpVersion version) {
        return lines.length;
    }
}
