package dev.tessera.options;

import dev.tessera.image.ImageFormat;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The resolved transform of one rendition. {@code width}/{@code height} are in device pixels
 * ({@code w}/{@code h} times {@code dpr}); null fields are unset.
 */
public record RenderOptions(
        Integer width, Integer height,
        Fit fit,
        Gravity gravity, boolean enlarge, Crop crop, int rotate, Flip flip,
        Double blur, Double sharpen, Color background,
        ImageFormat format, boolean autoFormat,
        Integer quality, boolean animated) {

    private static final Set<Integer> ROTATIONS = Set.of(0, 90, 180, 270); // before DEFAULTS, which checks it

    /** The options of an empty query. */
    public static final RenderOptions DEFAULTS = new RenderOptions(null, null, Fit.INSIDE, Gravity.CENTER,
            false, null, 0, Flip.NONE, null, null, Color.WHITE, null, false, null, true);

    public RenderOptions {
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(gravity, "gravity");
        Objects.requireNonNull(flip, "flip");
        Objects.requireNonNull(background, "background");
        if (!ROTATIONS.contains(rotate)) throw new IllegalArgumentException("rotate must be 0, 90, 180 or 270");
        if (autoFormat && format != null) throw new IllegalArgumentException("a format is either given or auto");
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
        boolean dropQuality = quality == null || f.defaultQuality() == null || quality.equals(f.defaultQuality());
        Integer q = dropQuality ? null : quality;
        return new RenderOptions(width, height, fit, gravity, enlarge, crop, rotate, flip,
                blur, sharpen, background, f, false, q, animated);
    }
}
