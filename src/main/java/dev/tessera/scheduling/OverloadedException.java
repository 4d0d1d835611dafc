package dev.tessera.scheduling;

/**
 * The render pool can't take the work in time: the caller should retry after {@code retryAfterMillis}. Thrown for
 * every refusal under overload, so it carries no stack trace (capturing one costs more than the refusal itself).
 */
public final class OverloadedException extends RuntimeException {
    private final long retryAfterMillis;

    public OverloadedException(String message, long retryAfterMillis) {
        super(message, null, false, false);
        this.retryAfterMillis = retryAfterMillis;
    }

    public long retryAfterMillis() { return retryAfterMillis; }
}
