package dev.tessera.server;

/**
 * An error answered as the contract's JSON error body. It carries no stack trace: one is built for every error
 * answer (each 503 under overload among them) and none is ever logged.
 */
final class ApiError extends RuntimeException {
    final ErrorCode code;
    final String param;
    final long retryAfterSeconds;
    /** The retry hint in milliseconds when known (0: only the seconds). */
    final long retryAfterMillis;

    ApiError(ErrorCode code, String message) {
        this(code, message, null);
    }

    ApiError(ErrorCode code, String message, String param) {
        this(code, message, param, 0, 0);
    }

    private ApiError(ErrorCode code, String message, String param, long retryAfterSeconds, long retryAfterMillis) {
        super(message, null, false, false);
        this.code = code;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
        this.retryAfterMillis = retryAfterMillis;
    }

    /** The same error, telling the client to retry after {@code seconds}. */
    ApiError retryAfter(long seconds) {
        return new ApiError(code, getMessage(), param, seconds, 0);
    }

    /** The same error, telling the client to retry after {@code millis} (the seconds rounded up, at least 1). */
    ApiError retryAfterMillis(long millis) {
        return new ApiError(code, getMessage(), param, Math.max(1, (millis + 999) / 1000), millis);
    }

    int status() {
        return code.status();
    }
}
