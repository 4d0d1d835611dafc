package dev.tessera.processing;

import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;

/**
 * The resize of a decoded frame to exactly the planned size: what libvips 8.14's {@code thumbnail_image} does (sRGB
 * or B_W processing space, alpha premultiplied in float around the kernel, lanczos3), except that the whole
 * reduction goes to the lanczos3 kernel ({@code gap} 0). thumbnail_image keeps resize's default gap of 2, which
 * box-shrinks first wherever 4x or more is left: in libvips 8.14 that box shrink costs more than the vectorised
 * kernel work it spares (2048 -> 512 px, one thread: 68 ms with it, 35 ms without) and lowers quality.
 * <p>
 * libvips 8.14 reduces vertically in vector code (orc) but horizontally in scalar C, two to five times slower per
 * pixel. An 8-bit frame without alpha reduced at most {@value #MAX_TRANSPOSED_SHRINK}x across is therefore reduced
 * vertically, computed into memory, turned a quarter, reduced vertically again and turned back: the same lanczos3
 * kernel, 56-60 dB from libvips' resize (one thread, a 1056x792 frame to 634-1050 px: 7.5-12.9 -> 4.4-6.6 ms; with
 * its sequential JPEG decode, 20.1-25.1 -> 16.8-18.9 ms). Further across, orc's 16-bit arithmetic loses precision
 * (1056 -> 200 px: 39.8 dB against a float resize, 44.6 the usual way), so the usual way stays.
 */
final class Resize {
    /** The most a frame is reduced across by the vertical kernel on its side. */
    static final double MAX_TRANSPOSED_SHRINK = 3.0;
    /** The vertical pass computed into memory first: at most this many pixels (3 MB), a 4:3 mezzanine's half. */
    static final long MAX_TRANSPOSED_PIXELS = 1_000_000L;

    private Resize() {}

    static VipsImage to(VipsImage in, int width, int height, ImageScope scope, KillSwitch deadline) {
        String space = in.bands() < 3 ? "b-w" : "srgb";
        VipsImage current = in.interpretation().equals(space) ? in
                : scope.add(Vips.operation("colourspace").set("in", in).set("space", space).image());
        if (current.width() == width && current.height() == height) return current; // e.g. a shrink-on-load exactly
        double hshrink = (double) current.width() / width;
        double vshrink = (double) current.height() / height;
        String format = current.bandFormat();
        boolean premultiply = current.hasAlpha() && hshrink != 1.0 && vshrink != 1.0;
        if (transposes(current, hshrink, vshrink)) return transposed(current, hshrink, vshrink, scope, deadline);
        if (premultiply) current = scope.add(Vips.operation("premultiply").set("in", current).image()); // float
        current = scope.add(Vips.operation("resize").set("in", current).set("scale", 1.0 / hshrink)
                .set("vscale", 1.0 / vshrink).set("kernel", "lanczos3").set("gap", 0.0).image());
        if (!premultiply) return current;
        return cast(scope.add(Vips.operation("unpremultiply").set("in", current).image()), format, scope);
    }

    /** Whether {@link #transposed} makes this reduction: vector code on, 8-bit, no alpha, smaller both ways. */
    static boolean transposes(VipsImage in, double hshrink, double vshrink) {
        return hshrink > 1 && hshrink <= MAX_TRANSPOSED_SHRINK && vshrink > 1 && !in.hasAlpha()
                && in.bandFormat().equals("uchar") && (long) in.width() * Math.round(in.height() / vshrink)
                <= MAX_TRANSPOSED_PIXELS && Vips.vectorPaths();
    }

    /**
     * The vertical pass into memory (the source may be read once, top to bottom), then the horizontal one as a
     * vertical pass on its quarter turn. The copy drops the sequential mark the loader set: reducev would otherwise
     * cache lines for a strip-by-strip read that the turn never makes (3x slower).
     */
    private static VipsImage transposed(VipsImage in, double hshrink, double vshrink, ImageScope scope,
                                        KillSwitch deadline) {
        VipsImage vertical = scope.add(deadline.watch(reducev(in, vshrink, scope)).copyMemory());
        vertical.removeField("vips-sequential");
        VipsImage turned = scope.add(Vips.operation("rot").set("in", vertical).set("angle", "d90").image());
        VipsImage across = reducev(turned, hshrink, scope);
        return scope.add(Vips.operation("rot").set("in", across).set("angle", "d270").image());
    }

    private static VipsImage reducev(VipsImage in, double shrink, ImageScope scope) {
        return scope.add(Vips.operation("reducev").set("in", in).set("vshrink", shrink).set("kernel", "lanczos3")
                .image());
    }

    private static VipsImage cast(VipsImage in, String format, ImageScope scope) {
        return scope.add(Vips.operation("cast").set("in", in).set("format", format).image());
    }
}
