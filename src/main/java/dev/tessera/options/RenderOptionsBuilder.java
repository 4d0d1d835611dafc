package dev.tessera.options;

import dev.tessera.image.ImageFormat;

/** Builds {@link RenderOptions} one value at a time; starts from an empty query's options or from a copy. */
public final class RenderOptionsBuilder {
    private Integer width;
    private Integer height;
    private Fit fit = Fit.INSIDE;
    private Gravity gravity = Gravity.CENTER;
    private boolean enlarge;
    private Crop crop;
    private int rotate;
    private Flip flip = Flip.NONE;
    private Double blur;
    private Double sharpen;
    private ImageFormat format;
    private boolean autoFormat;
    private Integer quality;
    private Color background = Color.WHITE;
    private boolean animated = true;

    RenderOptionsBuilder() {}

    RenderOptionsBuilder(RenderOptions o) {
        size(o.size());
        crop = o.crop();
        rotate = o.turn().rotate();
        flip = o.turn().flip();
        blur = o.filters().blur();
        sharpen = o.filters().sharpen();
        output(o.output());
    }

    /** Checks each part (see the records' constructors): an invalid value is an IllegalArgumentException. */
    public RenderOptions build() {
        return new RenderOptions(new RenderOptions.Size(width, height, fit, gravity, enlarge), crop,
                new RenderOptions.Turn(rotate, flip), new RenderOptions.Filters(blur, sharpen),
                new RenderOptions.Output(format, autoFormat, quality, background, animated));
    }

    public RenderOptionsBuilder size(RenderOptions.Size s) {
        return width(s.width()).height(s.height()).fit(s.fit()).gravity(s.gravity()).enlarge(s.enlarge());
    }

    public RenderOptionsBuilder output(RenderOptions.Output o) {
        return format(o.format()).autoFormat(o.autoFormat()).quality(o.quality()).background(o.background())
                .animated(o.animated());
    }

    public RenderOptionsBuilder width(Integer v) { width = v; return this; }
    public RenderOptionsBuilder height(Integer v) { height = v; return this; }
    public RenderOptionsBuilder fit(Fit v) { fit = v; return this; }
    public RenderOptionsBuilder gravity(Gravity v) { gravity = v; return this; }
    public RenderOptionsBuilder enlarge(boolean v) { enlarge = v; return this; }
    public RenderOptionsBuilder crop(Crop v) { crop = v; return this; }
    public RenderOptionsBuilder rotate(int v) { rotate = v; return this; }
    public RenderOptionsBuilder flip(Flip v) { flip = v; return this; }
    public RenderOptionsBuilder blur(Double v) { blur = v; return this; }
    public RenderOptionsBuilder sharpen(Double v) { sharpen = v; return this; }
    public RenderOptionsBuilder format(ImageFormat v) { format = v; return this; }
    public RenderOptionsBuilder autoFormat(boolean v) { autoFormat = v; return this; }
    public RenderOptionsBuilder quality(Integer v) { quality = v; return this; }
    public RenderOptionsBuilder background(Color v) { background = v; return this; }
    public RenderOptionsBuilder animated(boolean v) { animated = v; return this; }
}
