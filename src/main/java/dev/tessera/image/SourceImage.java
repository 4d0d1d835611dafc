package dev.tessera.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An image for libvips to read, with what its header said: bytes in memory, or a local file that libvips
 * reads in place (no copy through the Java heap). The header is null only while the header is being read
 * ({@code ImageProbe}, {@code Originals}) or when an encoded output is decoded to be checked ({@code Encoder}).
 * Closed when read: that deletes a {@linkplain #temporaryCopy temporary copy}, and does nothing else.
 */
public sealed interface SourceImage extends AutoCloseable {
    ImageHeader header();

    long size() throws IOException;

    InputStream openStream() throws IOException;

    @Override
    default void close() {}

    /**
     * A copy of {@code body} in a new file of {@code dir}, deleted on close: a blob of a remote store read in
     * place, off the Java heap (an original may be as large as the upload limit).
     */
    static OnDisk temporaryCopy(InputStream body, Path dir, ImageHeader header) throws IOException {
        Path file = Files.createTempFile(dir, "read-", ".part");
        try (body) {
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new OnDisk(file, header, true);
    }

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

    /** {@code temporary}: a copy made for one use, deleted on close. */
    record OnDisk(Path file, ImageHeader header, boolean temporary) implements SourceImage {
        public OnDisk(Path file, ImageHeader header) {
            this(file, header, false);
        }

        @Override
        public long size() throws IOException {
            return Files.size(file);
        }

        @Override
        public InputStream openStream() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public void close() {
            if (!temporary) return;
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
