package dev.tessera.options;

import java.util.List;

/**
 * What a client needs to offer a control for one parameter (served as {@code /params.json}): its type
 * ({@code integer}, {@code number}, {@code enum}, {@code boolean} as 0/1, or {@code text} of {@code format}),
 * range, allowed values, the default ({@code null} when it depends on the image) and a one-line description.
 */
public record ParamDoc(String name, String type, Double min, Double max, List<String> values, String format,
                       String defaultValue, String description) {

    static ParamDoc of(String name, String type) {
        return new ParamDoc(name, type, null, null, List.of(), null, null, null);
    }

    ParamDoc range(double low, double high) {
        return new ParamDoc(name, type, low, high, values, format, defaultValue, description);
    }

    ParamDoc values(List<String> allowed) {
        return new ParamDoc(name, type, min, max, List.copyOf(allowed), format, defaultValue, description);
    }

    ParamDoc format(String shape) {
        return new ParamDoc(name, type, min, max, values, shape, defaultValue, description);
    }

    ParamDoc described(String text, String byDefault) {
        return new ParamDoc(name, type, min, max, values, format, byDefault, text);
    }
}
