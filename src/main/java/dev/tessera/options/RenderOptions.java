package dev.tessera.options;

import dev.tessera.image.ImageFormat;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The resolved transform of one rendition, in the order it is applied: size, crop, turn, filters, output.
 * A null crop is no crop; build one with {@link #builder()} or {@link #toBuilder()}.
 */
public record RenderOptions(Size size, Crop crop, Turn turn, Filters filters, Output output) {

    /** The box in device pixels ({@code w}/{@code h} times {@code dpr}; null is unset) and how to fill it. */
    public record Size(Integer width, Integer height, Fit fit, Gravity gravity, boolean enlarge) {
        public Size {
            Objects.requireNonNull(fit, "fit");
            Objects.requireNonNull(gravity, "gravity");
        }
    }

    /** A clockwise rotation (0, 90, 180 or 270 degrees) then a flip. */
    public record Turn(int rotate, Flip flip) {
        private static final Set<Integer> ROTATIONS = Set.of(0, 90, 180, 270);

        public Turn {
            Objects.requireNonNull(flip, "flip");
            if (!ROTATIONS.contains(rotate)) throw new IllegalArgumentException("rotate must be 0, 90, 180 or 270");
        }
    }

    /** Gaussian blur and sharpen sigmas; null is none. */
    public record Filters(Double blur, Double sharpen) {}

    /** The encoding: a format given or {@code auto} (or neither: the source's), quality, padding colour, frames. */
    public record Output(ImageFormat format, boolean autoFormat, Integer quality, Color background, boolean animated) {
        public Output {
            Objects.requireNonNull(background, "background");
            if (autoFormat && format != null) throw new IllegalArgumentException("a format is either given or auto");
        }
    }

    /** The options of an empty query. */
    public static final RenderOptions DEFAULTS = builder().build();

    public RenderOptions {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(turn, "turn");
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(output, "output");
    }

    /** A builder holding the options of an empty query. */
    public static RenderOptionsBuilder builder() {
        return new RenderOptionsBuilder();
    }

    /** A builder holding these options. */
    public RenderOptionsBuilder toBuilder() {
        return new RenderOptionsBuilder(this);
    }

    /** Every resolved value in a fixed order: equal strings mean the same rendition (a cache key). */
    public String canonical() {
        StringJoiner text = new StringJoiner("&");
        Params.KEYED.forEach(p -> text.add(p.name() + "=" + p.canonical().apply(this)));
        return text.toString();
    }

    /**
     * True when the rendition would be the original itself: every parameter that changes the image alone has its
     * default. Fit, gravity and enlarge only matter with a size, and the background only with padding or a
     * format change; {@code anim=0} drops frames.
     */
    public boolean isIdentity() {
        return Params.KEYED.stream().filter(Param::changesImage)
                .allMatch(p -> p.canonical().apply(this).equals(p.canonical().apply(DEFAULTS)));
    }

    /**
     * A copy with {@code format} set, no longer auto: e.g. once {@code fm=auto} is resolved. A quality that
     * is the format's default, or that the format ignores, is dropped, so it names the same rendition.
     */
    public RenderOptions withFormat(ImageFormat f) {
        Integer quality = output.quality();
        boolean dropQuality = quality == null || f.defaultQuality() == null || quality.equals(f.defaultQuality());
        return toBuilder().format(f).autoFormat(false).quality(dropQuality ? null : quality).build();
    }
}
