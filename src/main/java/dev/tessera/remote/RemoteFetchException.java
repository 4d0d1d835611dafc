package dev.tessera.remote;

/**
 * A remote source that could not be had, by kind: the origin said 404 ({@code NOT_FOUND}), took too long
 * ({@code TIMEOUT}, 504), failed otherwise ({@code FAILED}, 502: 5xx, refused connection, TLS, redirects, a
 * tripped breaker), sent too much ({@code TOO_LARGE}, 413), or no fetch slot freed in time ({@code BUSY}, 503).
 */
public final class RemoteFetchException extends RuntimeException {
    public enum Kind { NOT_FOUND, TIMEOUT, FAILED, TOO_LARGE, BUSY }

    private final Kind kind;
    private final long retryAfterSeconds;

    RemoteFetchException(Kind kind, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    RemoteFetchException(Kind kind, String message) {
        this(kind, message, 0);
    }

    /** The origin said 404 (or 410): the same answer whether just asked or remembered. */
    static RemoteFetchException notFound() {
        return new RemoteFetchException(Kind.NOT_FOUND, "the origin has no such image");
    }

    public Kind kind() {
        return kind;
    }

    /** Seconds a client should wait before trying again (0: no advice). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Counts against the origin's breaker: it timed out or failed, not merely 404 or too large. */
    boolean originFault() {
        return kind == Kind.TIMEOUT || kind == Kind.FAILED;
    }
}
