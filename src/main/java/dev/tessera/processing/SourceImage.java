package dev.tessera.processing;

import java.nio.file.Path;

/**
 * An original for libvips to read, with what its header said: bytes in memory, or a local file
 * that libvips reads in place (no copy through the Java heap).
 */
public record SourceImage(byte[] bytes, Path file, ImageHeader header) {

    public SourceImage {
        if ((bytes == null) == (file == null)) throw new IllegalArgumentException("give either bytes or a file");
    }

    /** The header may be null only while the header is being read. */

    public SourceImage(byte[] bytes, ImageHeader header) {
        this(bytes, null, header);
    }

    public static SourceImage ofFile(Path file, ImageHeader header) {
        return new SourceImage(null, file, header);
    }
}
