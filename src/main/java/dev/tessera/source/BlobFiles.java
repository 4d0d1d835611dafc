package dev.tessera.source;

import dev.tessera.image.ImageHeader;
import dev.tessera.image.SourceImage;
import dev.tessera.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/** Blobs as files libvips reads in place, never through the Java heap. */
public final class BlobFiles {
    private BlobFiles() {}

    /**
     * The blob under {@code key}: the store's own file when it keeps one, else a temporary copy in {@code spoolDir};
     * the caller closes it (which deletes a copy). Empty when there is no such blob.
     */
    public static Optional<SourceImage.OnDisk> read(BlobStore store, String key, Path spoolDir, ImageHeader header)
            throws IOException {
        Optional<Path> file = store.localFile(key);
        if (file.isPresent()) return Optional.of(new SourceImage.OnDisk(file.get(), header));
        Optional<InputStream> body = store.get(key);
        if (body.isEmpty()) return Optional.empty();
        return Optional.of(SourceImage.temporaryCopy(body.get(), spoolDir, header));
    }
}
