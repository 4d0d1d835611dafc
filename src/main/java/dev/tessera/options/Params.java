package dev.tessera.options;

import dev.tessera.image.ImageFormat;
import java.util.ArrayList;
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
            Param.integer("w", 1, MAX_SIZE, (b, v) -> b.width = v).keyed(o -> orDash(o.size().width()), true)
                    .described("Width in pixels before dpr; alone, keeps the aspect ratio", null),
            Param.integer("h", 1, MAX_SIZE, (b, v) -> b.height = v).keyed(o -> orDash(o.size().height()), true)
                    .described("Height in pixels before dpr; alone, keeps the aspect ratio", null),
            Param.decimal("dpr", 1, 4, (b, v) -> b.dpr = v) // carried by w and h
                    .described("Device pixel ratio: multiplies w and h", "1"),
            Param.choice("fit", List.of(Fit.values()), Fit::id, (b, v) -> b.fit = v)
                    .keyed(o -> o.size().fit().id(), false)
                    .described("How the image fills the box: cover crops, contain pads with bg, fill stretches,"
                            + " inside and outside keep the whole image; cover with w and h, else inside", null),
            Param.of("g", "one of " + String.join(", ", Values.NAMED_GRAVITIES.keySet())
                    + ", or fp:X,Y with X and Y from 0 to 1", Values::gravity, (b, v) -> b.options.gravity(v))
                    .keyed(o -> o.size().gravity().id(), false)
                    .documented(ParamDoc.of("g", "enum").values(List.copyOf(Values.NAMED_GRAVITIES.keySet()))
                            .format("fp:X,Y").described("Which part to keep when cropping to the box; smart finds"
                                    + " the most salient region, fp:X,Y is a focal point (0 to 1 each)", "center")),
            Param.choice("enlarge", List.of(false, true), Values::bit, (b, v) -> b.options.enlarge(v))
                    .keyed(o -> Values.bit(o.size().enlarge()), false)
                    .described("May the output be larger than the source", "0"),
            Param.of("crop", "X,Y,W,H: integers, X and Y from 0, W and H from 1, each at most " + Values.MAX_CROP,
                    Values::crop, (b, v) -> b.options.crop(v))
                    .keyed(o -> o.crop() == null ? "-" : o.crop().text(), true)
                    .documented(ParamDoc.of("crop", "text").format("X,Y,W,H")
                            .described("A region of the oriented source, taken before resizing", null)),
            Param.choice("rot", List.of(0, 90, 180, 270), String::valueOf, (b, v) -> b.options.rotate(v))
                    .keyed(o -> Integer.toString(o.turn().rotate()), true)
                    .described("Clockwise rotation in degrees, after EXIF auto-orientation", "0"),
            Param.choice("flip", List.of(Flip.H, Flip.V, Flip.HV), Flip::id, (b, v) -> b.options.flip(v))
                    .keyed(o -> o.turn().flip().id(), true)
                    .described("Mirror horizontally, vertically or both", null),
            Param.decimal("blur", 0.3, 100, (b, v) -> b.options.blur(v))
                    .keyed(o -> decimalOrDash(o.filters().blur()), true)
                    .described("Gaussian blur sigma", null),
            Param.decimal("sharpen", 0.3, 10, (b, v) -> b.options.sharpen(v))
                    .keyed(o -> decimalOrDash(o.filters().sharpen()), true)
                    .described("Sharpening sigma", null),
            Param.of("bg", "a hex colour RRGGBB or RRGGBBAA", Values::color, (b, v) -> b.options.background(v))
                    .keyed(o -> o.output().background().hex(), false)
                    .documented(ParamDoc.of("bg", "text").format("RRGGBB or RRGGBBAA").described(
                            "Padding colour, and what alpha is flattened onto for JPEG", "ffffff")),
            new Param("fm", "one of " + String.join(", ", ImageFormat.paramValues()) + ", auto", s -> s.equals("auto")
                    ? b -> b.options.autoFormat(true)
                    : ImageFormat.fromParam(s).<Consumer<ParseState>>map(f -> b -> b.options.format(f)).orElse(null))
                    .keyed(o -> o.output().autoFormat() ? "auto"
                            : o.output().format() == null ? "-" : o.output().format().id(), true)
                    .documented(ParamDoc.of("fm", "enum").values(formats()).described("Output format; auto picks"
                            + " AVIF, WebP or JPEG from the request's Accept; by default the source's format", null)),
            Param.integer("q", 1, 100, (b, v) -> b.options.quality(v)).keyed(o -> orDash(o.output().quality()), true)
                    .described("Encoder quality; by default jpeg 80, webp 80, avif 60", null),
            Param.choice("anim", List.of(false, true), Values::bit, (b, v) -> b.options.animated(v))
                    .keyed(o -> Values.bit(o.output().animated()), true)
                    .described("Keep every frame of an animated source (0: the first frame only)", "1"));

    /** The parameters in the canonical form, in its order. */
    static final List<Param> KEYED = BY_NAME.values().stream().filter(p -> p.canonical() != null).toList();

    private Params() {}

    /** Applies every given value (name to one value) to defaults and resolves them. */
    static RenderOptions toOptions(Map<String, String> values) {
        ParseState state = new ParseState();
        BY_NAME.values().forEach(p -> {
            String value = values.get(p.name());
            if (value != null) p.apply(value, state);
        });
        return state.build();
    }

    private static List<String> formats() {
        List<String> values = new ArrayList<>(ImageFormat.paramValues());
        values.add("auto");
        return values;
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
