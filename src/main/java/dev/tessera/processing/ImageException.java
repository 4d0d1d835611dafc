package dev.tessera.processing;

/** An image the service will not take or cannot render, for a reason the client can act on. */
public final class ImageException extends RuntimeException {

    public enum Reason { UNSUPPORTED_FORMAT, UNDECODABLE, TOO_MANY_PIXELS, TOO_MANY_FRAMES, OUTPUT_TOO_LARGE, BAD_CROP, RENDER_TIMEOUT,
        OVER_MEMORY_BUDGET }

    private final Reason reason;

    public ImageException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
