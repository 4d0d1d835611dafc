package dev.tessera.scheduling;

/** The render pool can't take the work in time: the caller should retry after {@code retryAfterMillis}. */
public final class OverloadedException extends RuntimeException {
    private final long retryAfterMillis;

    public OverloadedException(String message, long retryAfterMillis) {
        super(message);
        this.retryAfterMillis = retryAfterMillis;
    }

    public long retryAfterMillis() { return retryAfterMillis; }
}
