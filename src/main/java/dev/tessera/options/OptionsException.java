package dev.tessera.options;

/** A transform parameter is unknown, repeated, or has a value it does not allow (HTTP 400). */
public final class OptionsException extends RuntimeException {
    private final String param;

    public OptionsException(String param, String message) {
        super(message);
        this.param = param;
    }

    /** The name of the parameter at fault. */
    public String param() { return param; }
}
