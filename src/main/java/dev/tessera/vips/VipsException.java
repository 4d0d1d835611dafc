package dev.tessera.vips;

/**
 * A libvips call failed. {@link #operation()} names the call; {@link #detail()} is libvips' own text,
 * for logs only: it may hold file paths, so it never goes into a client's error message.
 */
public class VipsException extends RuntimeException {
    private final String operation;
    private final String detail;

    public VipsException(String operation, String detail) {
        super(detail == null || detail.isEmpty() ? operation + " failed" : operation + ": " + detail);
        this.operation = operation;
        this.detail = detail == null ? "" : detail;
    }

    public String operation() { return operation; }

    public String detail() { return detail; }
}
