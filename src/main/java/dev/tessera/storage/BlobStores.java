package dev.tessera.storage;

/** Creates the {@link BlobStore} implementations. */
public final class BlobStores {

    private BlobStores() {}

    /** A store in an S3 bucket (AWS or any S3-compatible server). */
    public static BlobStore s3(S3Settings settings) {
        return new S3BlobStore(settings);
    }

    /** Writes to both stores, reads from {@code primary} and falls back to {@code secondary}. */
    public static BlobStore mirror(BlobStore primary, BlobStore secondary) {
        return new MirrorBlobStore(primary, secondary);
    }
}
