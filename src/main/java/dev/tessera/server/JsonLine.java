package dev.tessera.server;

import java.util.Locale;
import java.util.Map;

/** Builds one JSON object on a single line, cheaply: the access log writes one per request. */
final class JsonLine {
    private final StringBuilder sb = new StringBuilder(256).append('{');

    JsonLine put(String name, Object value) {
        if (value == null) return this;
        if (sb.length() > 1) sb.append(',');
        string(name);
        sb.append(':');
        switch (value) {
            case String s -> string(s);
            case Boolean b -> sb.append(b);
            case Integer i -> sb.append(i);
            case Long l -> sb.append(l);
            case Double d -> tenths(sb, d);
            case Map<?, ?> m -> {
                JsonLine inner = new JsonLine();
                m.forEach((k, v) -> inner.put(String.valueOf(k), v));
                sb.append(inner);
            }
            default -> string(value.toString());
        }
        return this;
    }

    /** Appends fields another line built (see {@link #fields()}), as they are. */
    JsonLine fields(String fields) {
        if (fields.isEmpty()) return this;
        if (sb.length() > 1) sb.append(',');
        sb.append(fields);
        return this;
    }

    /** The fields put so far, without the braces: a fragment to reuse in other lines. */
    String fields() {
        return sb.substring(1);
    }

    /** Appends {@code value} with one decimal, as {@code %.1f} would (half up), without a Formatter. */
    static StringBuilder tenths(StringBuilder out, double value) {
        if (!Double.isFinite(value) || Math.abs(value) >= 1e15) return out.append(String.format(Locale.ROOT, "%.1f", value));
        long t = Math.round(Math.abs(value) * 10);
        if (value < 0 && t != 0) out.append('-');
        return out.append(t / 10).append('.').append(t % 10);
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb + "}";
    }
}
