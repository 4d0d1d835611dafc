package dev.tessera.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/** Opens {@link BlobStore}s. */
public final class BlobStores {

    private BlobStores() {}

    /**
     * A durable store of files under {@code root}, created if missing. Opening it removes temp
     * files that a crashed put left behind more than an hour ago.
     */
    public static BlobStore filesystem(Path root) throws IOException {
        return filesystem(root, Clock.systemUTC());
    }

    /** As {@link #filesystem(Path)}, with the clock that decides which temp files are stale. */
    public static BlobStore filesystem(Path root, Clock clock) throws IOException {
        return new FsBlobStore(Objects.requireNonNull(root, "root"), Objects.requireNonNull(clock, "clock"));
    }
}
