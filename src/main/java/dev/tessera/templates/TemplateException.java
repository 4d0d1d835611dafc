package dev.tessera.templates;

/**
 * A refusal about a template or a render's slots: {@code INVALID} (400 naming the field, e.g. {@code layers[2].w}),
 * {@code BAD_PARAMETER} (400 naming the slot or render parameter), {@code NOT_FOUND} (404), {@code FORBIDDEN} (403: another tenant's name).
 */
public final class TemplateException extends RuntimeException {
    public enum Kind { INVALID, BAD_PARAMETER, NOT_FOUND, FORBIDDEN }

    private final Kind kind;
    private final String param;

    TemplateException(Kind kind, String message, String param) {
        super(message);
        this.kind = kind;
        this.param = param;
    }

    static TemplateException invalid(String field, String message) {
        return new TemplateException(Kind.INVALID, field + ": " + message, field);
    }

    public Kind kind() { return kind; }

    /** The field path or slot at fault; null for NOT_FOUND and FORBIDDEN. */
    public String param() { return param; }
}
