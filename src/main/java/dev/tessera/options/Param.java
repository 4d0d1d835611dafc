package dev.tessera.options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One transform parameter: its name, the values it allows (said in error messages), how a value changes the
 * builder ({@code parse} gives null for an invalid value), how resolved options spell it in their canonical
 * form ({@code canonical}; null when another parameter's value carries it, as {@code w} carries {@code dpr}),
 * whether a non-default value alone makes a rendition differ from the original ({@code changesImage}), and its
 * description for clients ({@code doc}).
 */
record Param(String name, String allowed, Function<String, Consumer<ParseState>> parse,
             Function<RenderOptions, String> canonical, boolean changesImage, ParamDoc doc) {

    Param(String name, String allowed, Function<String, Consumer<ParseState>> parse) {
        this(name, allowed, parse, null, false, ParamDoc.of(name, "text"));
    }

    /** This parameter spelled by {@code canonical} in the canonical form; see {@link #changesImage}. */
    Param keyed(Function<RenderOptions, String> canonicalText, boolean changes) {
        return new Param(name, allowed, parse, canonicalText, changes, doc);
    }

    /** This parameter with its description and default ({@code null}: it depends on the image). */
    Param described(String description, String defaultValue) {
        return documented(doc.described(description, defaultValue));
    }

    Param documented(ParamDoc newDoc) {
        return new Param(name, allowed, parse, canonical, changesImage, newDoc);
    }

    /** A parameter whose value parses to a T (null when invalid) that {@code set} stores. */
    static <T> Param of(String name, String allowed, Function<String, T> value, BiConsumer<ParseState, T> set) {
        return new Param(name, allowed, s -> {
            T v = value.apply(s);
            return v == null ? null : b -> set.accept(b, v);
        });
    }

    static Param integer(String name, int min, int max, BiConsumer<ParseState, Integer> set) {
        return of(name, "an integer from " + min + " to " + max, Values.integer(min, max), set)
                .documented(ParamDoc.of(name, "integer").range(min, max));
    }

    static Param decimal(String name, double min, double max, BiConsumer<ParseState, Double> set) {
        return of(name, "a number from " + Values.decimalText(min) + " to " + Values.decimalText(max),
                Values.decimal(min, max), set).documented(ParamDoc.of(name, "number").range(min, max));
    }

    /** A parameter with a fixed list of values, each written as {@code key} gives it. */
    static <T> Param choice(String name, List<T> options, Function<T, String> key, BiConsumer<ParseState, T> set) {
        Map<String, T> byKey = new LinkedHashMap<>();
        options.forEach(o -> byKey.put(key.apply(o), o));
        List<String> keys = List.copyOf(byKey.keySet());
        String type = keys.equals(List.of("0", "1")) ? "boolean" : "enum";
        return of(name, "one of " + String.join(", ", keys), byKey::get, set)
                .documented(ParamDoc.of(name, type).values(keys));
    }

    /** Applies the value to the builder; an empty or invalid value is an {@link OptionsException}. */
    void apply(String value, ParseState state) {
        Consumer<ParseState> change = value.isEmpty() ? null : parse.apply(value);
        if (change == null) throw new OptionsException(name, name + " must be " + allowed);
        change.accept(state);
    }
}
