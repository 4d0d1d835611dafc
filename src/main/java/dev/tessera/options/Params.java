package dev.tessera.options;

import dev.tessera.image.ImageFormat;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The table of transform parameters ({@code preset} aside, which the parser expands first). */
final class Params {
    static final int MAX_SIZE = 8192;

    /** By name, in the order they are applied. */
    static final Map<String, Param> BY_NAME = index(
            Param.integer("w", 1, MAX_SIZE, (b, v) -> b.width = v).keyed(o -> orDash(o.width()), true),
            Param.integer("h", 1, MAX_SIZE, (b, v) -> b.height = v).keyed(o -> orDash(o.height()), true),
            Param.decimal("dpr", 1, 4, (b, v) -> b.dpr = v), // carried by w and h
            Param.choice("fit", List.of(Fit.values()), Fit::id, (b, v) -> b.fit = v).keyed(o -> o.fit().id(), false),
            Param.of("g", "one of " + String.join(", ", Values.NAMED_GRAVITIES.keySet())
                    + ", or fp:X,Y with X and Y from 0 to 1", Values::gravity, (b, v) -> b.gravity = v)
                    .keyed(o -> o.gravity().id(), false),
            Param.choice("enlarge", List.of(false, true), Values::bit, (b, v) -> b.enlarge = v)
                    .keyed(o -> Values.bit(o.enlarge()), false),
            Param.of("crop", "X,Y,W,H: integers, X and Y from 0, W and H from 1, each at most " + Values.MAX_CROP,
                    Values::crop, (b, v) -> b.crop = v).keyed(o -> o.crop() == null ? "-" : o.crop().text(), true),
            Param.choice("rot", List.of(0, 90, 180, 270), String::valueOf, (b, v) -> b.rotate = v)
                    .keyed(o -> Integer.toString(o.rotate()), true),
            Param.choice("flip", List.of(Flip.H, Flip.V, Flip.HV), Flip::id, (b, v) -> b.flip = v)
                    .keyed(o -> o.flip().id(), true),
            Param.decimal("blur", 0.3, 100, (b, v) -> b.blur = v).keyed(o -> decimalOrDash(o.blur()), true),
            Param.decimal("sharpen", 0.3, 10, (b, v) -> b.sharpen = v).keyed(o -> decimalOrDash(o.sharpen()), true),
            Param.of("bg", "a hex colour RRGGBB or RRGGBBAA", Values::color, (b, v) -> b.background = v)
                    .keyed(o -> o.background().hex(), false),
            new Param("fm", "one of " + String.join(", ", ImageFormat.paramValues()) + ", auto", s -> s.equals("auto")
                    ? b -> b.autoFormat = true
                    : ImageFormat.fromParam(s).<Consumer<OptionsBuilder>>map(f -> b -> b.format = f).orElse(null))
                    .keyed(o -> o.autoFormat() ? "auto" : o.format() == null ? "-" : o.format().id(), true),
            Param.integer("q", 1, 100, (b, v) -> b.quality = v).keyed(o -> orDash(o.quality()), true),
            Param.choice("anim", List.of(false, true), Values::bit, (b, v) -> b.animated = v)
                    .keyed(o -> Values.bit(o.animated()), true));

    /** The parameters in the canonical form, in its order. */
    static final List<Param> KEYED = BY_NAME.values().stream().filter(p -> p.canonical() != null).toList();

    private Params() {}

    /** Applies every given value (name to one value) to defaults and resolves them. */
    static RenderOptions toOptions(Map<String, String> values) {
        OptionsBuilder builder = new OptionsBuilder();
        BY_NAME.values().forEach(p -> {
            String value = values.get(p.name());
            if (value != null) p.apply(value, builder);
        });
        return builder.build();
    }

    private static String orDash(Integer value) {
        return value == null ? "-" : value.toString();
    }

    private static String decimalOrDash(Double value) {
        return value == null ? "-" : Values.decimalText(value);
    }

    private static Map<String, Param> index(Param... params) {
        Map<String, Param> byName = new LinkedHashMap<>();
        Arrays.stream(params).forEach(p -> byName.put(p.name(), p));
        return Collections.unmodifiableMap(byName);
    }
}
