package dev.tessera.image;

/**
 * An image the service will not take or cannot render, for a reason the client can act on. The
 * message is written for clients (no libvips text, no paths); libvips' own text stays on the cause.
 * {@code param} names the request parameter at fault, when one is.
 */
public final class ImageException extends RuntimeException {

    public enum Reason {
        UNSUPPORTED_FORMAT, UNDECODABLE, TOO_MANY_PIXELS, TOO_MANY_FRAMES, OUTPUT_TOO_LARGE, BAD_CROP, RENDER_TIMEOUT,
        /** The predicted render time exceeds what the deadline allows. */
        RENDER_TOO_COSTLY,
        /** The encoder failed or produced an output that does not decode. */
        ENCODE_FAILED,
        /** The render would need more native memory than the whole budget. */
        OVER_MEMORY_BUDGET
    }

    private final Reason reason;
    private final String param;

    public ImageException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public ImageException(Reason reason, String message, String param, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.param = param;
    }

    public Reason reason() { return reason; }

    /** The request parameter at fault, or null. */
    public String param() { return param; }
}
