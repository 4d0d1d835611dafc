package dev.tessera.config;

import java.util.Locale;

/**
 * Where originals and renditions are kept ({@code storage.kind}), with what the service may rely on for each:
 * {@code localFiles}: objects are files under {@code dataDir}, so uploads spool on that disk and its temporary
 * files are swept at start; {@code sweepableStoreTier}: the rendition store tier is bounded by
 * {@code cache.storeMaxMb}; {@code mirrorSide}: it may be one side of a mirror.
 */
public enum StorageKind {
    FS(true, true, true),
    S3(false, false, true),
    MIRROR(false, false, false);

    private final boolean localFiles;
    private final boolean sweepableStoreTier;
    private final boolean mirrorSide;

    StorageKind(boolean localFiles, boolean sweepableStoreTier, boolean mirrorSide) {
        this.localFiles = localFiles;
        this.sweepableStoreTier = sweepableStoreTier;
        this.mirrorSide = mirrorSide;
    }

    public boolean localFiles() { return localFiles; }

    public boolean sweepableStoreTier() { return sweepableStoreTier; }

    public boolean mirrorSide() { return mirrorSide; }

    /** As the configuration spells it: {@code fs}, {@code s3}, {@code mirror}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
