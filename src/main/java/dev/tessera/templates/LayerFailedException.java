package dev.tessera.templates;

/**
 * An image layer whose source could not be found, fetched or decoded: answered as its cause's error (404, 502,
 * 504, 422...) and never remembered by the rendition cache, so a source that comes back is used at once.
 */
public final class LayerFailedException extends RuntimeException {
    private final String field;

    LayerFailedException(String field, Exception cause) {
        super(field + ": " + cause.getMessage(), cause);
        this.field = field;
    }

    /** The layer's source field, e.g. {@code layers[0].source}. */
    public String field() { return field; }

    /** What went wrong with the source. */
    public Exception reason() { return (Exception) getCause(); }
}
