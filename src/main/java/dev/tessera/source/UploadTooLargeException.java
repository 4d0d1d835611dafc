package dev.tessera.source;

/** An upload went past the size limit; reading stopped there. */
public final class UploadTooLargeException extends RuntimeException {
    public UploadTooLargeException(long limit) {
        super("the upload is larger than the limit of " + limit + " bytes");
    }
}
