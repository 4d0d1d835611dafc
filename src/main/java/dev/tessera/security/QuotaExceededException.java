package dev.tessera.security;

/** A tenant is over its upload rate or storage quota (429). */
public final class QuotaExceededException extends RuntimeException {
    private final long retryAfterSeconds;

    public QuotaExceededException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
