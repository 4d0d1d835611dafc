package dev.tessera.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An image for libvips to read, with what its header said: bytes in memory, or a local file that libvips
 * reads in place (no copy through the Java heap). The header is null only while the header is being read
 * ({@code ImageProbe}, {@code Originals}) or when an encoded output is decoded to be checked ({@code Encoder}).
 */
public sealed interface SourceImage {
    ImageHeader header();

    long size() throws IOException;

    InputStream openStream() throws IOException;

    record InMemory(byte[] bytes, ImageHeader header) implements SourceImage {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream openStream() {
            return new ByteArrayInputStream(bytes);
        }
    }

    record OnDisk(Path file, ImageHeader header) implements SourceImage {
        @Override
        public long size() throws IOException {
            return Files.size(file);
        }

        @Override
        public InputStream openStream() throws IOException {
            return Files.newInputStream(file);
        }
    }
}
