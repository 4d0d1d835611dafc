package dev.tessera.server;

/** An error answered as the contract's JSON error body. */
final class ApiError extends RuntimeException {
    final int status;
    final String code;
    final String param;
    long retryAfterSeconds;

    ApiError(int status, String code, String message) {
        this(status, code, message, null);
    }

    ApiError(int status, String code, String message, String param) {
        super(message);
        this.status = status;
        this.code = code;
        this.param = param;
    }

    ApiError retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }
}
