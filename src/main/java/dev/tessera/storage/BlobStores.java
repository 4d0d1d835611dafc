package dev.tessera.storage;

import dev.tessera.config.S3Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/** Opens {@link BlobStore}s: on local disk, in an S3 bucket, or mirrored over two stores. */
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

    /** A store in an S3 bucket (AWS or any S3-compatible server). */
    public static BlobStore s3(S3Settings settings) {
        return new S3BlobStore(settings);
    }

    /** Times the store's operations and counts its errors in {@code registry}, tagged {@code store=name}. */
    public static BlobStore metered(BlobStore store, io.micrometer.core.instrument.MeterRegistry registry, String name) {
        return new MeteredBlobStore(store, registry, name);
    }

    /** Writes to both stores before acknowledging, reads from {@code primary} and falls back to {@code secondary}. */
    public static BlobStore mirror(BlobStore primary, BlobStore secondary) {
        return new MirrorBlobStore(primary, secondary, null);
    }

    /**
     * A mirror that acknowledges writes once the primary has them and the key is journalled in
     * {@code journalDir}; the secondary is brought up to date in the background, retried every
     * {@code retryInterval}, and pending keys left by a crash are replayed on opening.
     */
    public static BlobStore mirrorAckPrimary(BlobStore primary, BlobStore secondary, Path journalDir,
                                             java.time.Duration retryInterval) throws IOException {
        MirrorRepairer repairer = new MirrorRepairer(primary, secondary, new MirrorJournal(journalDir), retryInterval);
        return new MirrorBlobStore(primary, secondary, repairer);
    }
}
