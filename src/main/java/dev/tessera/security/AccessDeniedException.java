package dev.tessera.security;

/** A write was refused: no or an unknown API key (401), or not allowed from this client (403). */
public final class AccessDeniedException extends RuntimeException {
    private final int status;
    private final String code;

    public AccessDeniedException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() { return status; }
    public String code() { return code; }
}
