package dev.tessera.server;

/** An error answered as the contract's JSON error body. */
final class ApiError extends RuntimeException {
    final ErrorCode code;
    final String param;
    final long retryAfterSeconds;

    ApiError(ErrorCode code, String message) {
        this(code, message, null);
    }

    ApiError(ErrorCode code, String message, String param) {
        this(code, message, param, 0);
    }

    private ApiError(ErrorCode code, String message, String param, long retryAfterSeconds) {
        super(message);
        this.code = code;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The same error, telling the client to retry after {@code seconds}. */
    ApiError retryAfter(long seconds) {
        return new ApiError(code, getMessage(), param, seconds);
    }

    int status() {
        return code.status();
    }
}
