package dev.tessera.options;

import dev.tessera.image.ImageFormat;

/** The values of one parse while parameters are applied; {@link #build()} resolves them. Not shared. */
final class OptionsBuilder {
    private static final RenderOptions DEFAULTS = RenderOptions.DEFAULTS;

    Integer width;  // before dpr
    Integer height; // before dpr
    double dpr = 1;
    Fit fit;        // null: resolved from the size
    Gravity gravity = DEFAULTS.gravity();
    boolean enlarge = DEFAULTS.enlarge();
    Crop crop;
    int rotate = DEFAULTS.rotate();
    Flip flip = DEFAULTS.flip();
    Double blur;
    Double sharpen;
    Color background = DEFAULTS.background();
    ImageFormat format;
    boolean autoFormat = DEFAULTS.autoFormat();
    Integer quality;
    boolean animated = DEFAULTS.animated();

    RenderOptions build() {
        Integer w = scaled(width);
        Integer h = scaled(height);
        Fit resolvedFit = fit != null ? fit : w != null && h != null ? Fit.COVER : Fit.INSIDE;
        return new RenderOptions(w, h, resolvedFit, gravity, enlarge, crop, rotate, flip,
                blur, sharpen, background, format, autoFormat, quality, animated);
    }

    /** Device pixels; at least 1 since size and dpr both are. */
    private Integer scaled(Integer size) {
        return size == null ? null : (int) Math.round(size * dpr);
    }
}
