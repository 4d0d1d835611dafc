package dev.tessera.templates;

import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;

/** Solid colours and anti-aliased rounded-corner masks, computed by libvips (lazily, one box at a time). */
final class Shapes {
    private Shapes() {}

    /**
     * A w x h image of one colour, RGB or RGBA as {@code colour} has 3 or 4 values, its alpha times {@code mask}
     * (1 band, 0..255) when one is given (RGBA only).
     */
    static VipsImage solid(Disposer d, int w, int h, int[] colour, VipsImage mask) {
        VipsImage black = d.add(Vips.operation("black").set("width", w).set("height", h).image());
        double[] offsets = java.util.Arrays.stream(colour).asDoubleStream().toArray();
        double[] ones = new double[colour.length];
        java.util.Arrays.fill(ones, 1);
        VipsImage colourful = d.add(Vips.operation("linear").set("in", black).set("a", ones)
                .set("b", offsets).set("uchar", true).image());
        VipsImage srgb = d.add(Vips.operation("copy").set("in", colourful).set("interpretation", "srgb").image());
        return mask == null ? srgb : withMask(d, srgb, mask);
    }

    /** The RGBA image with its alpha multiplied by {@code mask} (1 band, 0..255, the image's size). */
    static VipsImage withMask(Disposer d, VipsImage rgba, VipsImage mask) {
        VipsImage rgb = d.add(Vips.operation("extract_band").set("in", rgba).set("band", 0).set("n", 3).image());
        VipsImage alpha = d.add(Vips.operation("extract_band").set("in", rgba).set("band", 3).image());
        VipsImage product = d.add(Vips.operation("multiply").set("left", alpha).set("right", mask).image());
        VipsImage scaled = d.add(Vips.operation("linear").set("in", product).set("a", new double[] {1 / 255.0})
                .set("b", new double[] {0}).set("uchar", true).image());
        return d.add(Vips.operation("bandjoin").set("in", new VipsImage[] {rgb, scaled}).image());
    }

    /**
     * Coverage of a w x h rectangle with corners of radius r, per pixel (0..255): each pixel centre's distance
     * past the corner circle, so edge pixels are partly covered (anti-aliased).
     */
    static VipsImage roundedMask(Disposer d, int w, int h, int r) {
        VipsImage xy = d.add(Vips.operation("xyz").set("width", w).set("height", h).image());
        VipsImage centred = d.add(linear(xy, new double[] {1, 1}, new double[] {0.5 - w / 2.0, 0.5 - h / 2.0}));
        VipsImage distance = d.add(Vips.operation("abs").set("in", centred).image());
        VipsImage q = d.add(linear(distance, new double[] {1, 1}, new double[] {r - w / 2.0, r - h / 2.0}));
        VipsImage qAbs = d.add(Vips.operation("abs").set("in", q).image());
        VipsImage sum = d.add(Vips.operation("add").set("left", q).set("right", qAbs).image());
        VipsImage outside = d.add(linear(sum, new double[] {0.5, 0.5}, new double[] {0, 0})); // max(q, 0)
        VipsImage squares = d.add(Vips.operation("multiply").set("left", outside).set("right", outside).image());
        VipsImage sx = d.add(Vips.operation("extract_band").set("in", squares).set("band", 0).image());
        VipsImage sy = d.add(Vips.operation("extract_band").set("in", squares).set("band", 1).image());
        VipsImage squared = d.add(Vips.operation("add").set("left", sx).set("right", sy).image());
        VipsImage length = d.add(Vips.operation("math2_const").set("in", squared).set("math2", "pow")
                .set("c", new double[] {0.5}).image());
        return d.add(Vips.operation("linear").set("in", length).set("a", new double[] {-255})
                .set("b", new double[] {255 * (r + 0.5)}).set("uchar", true).image());
    }

    private static VipsImage linear(VipsImage in, double[] a, double[] b) {
        return Vips.operation("linear").set("in", in).set("a", a).set("b", b).image();
    }
}
