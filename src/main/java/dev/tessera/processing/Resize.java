package dev.tessera.processing;

import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;

/**
 * The resize of a decoded frame to exactly the planned size: what libvips 8.14's {@code thumbnail_image} does (sRGB
 * or B_W processing space, alpha premultiplied in float around the kernel, lanczos3), except that the whole
 * reduction goes to the lanczos3 kernel ({@code gap} 0). thumbnail_image keeps resize's default gap of 2, which
 * box-shrinks first wherever 4x or more is left: in libvips 8.14 that box shrink costs more than the vectorised
 * kernel work it spares (2048 -> 512 px, one thread: 68 ms with it, 35 ms without) and lowers quality.
 */
final class Resize {
    private Resize() {}

    static VipsImage to(VipsImage in, int width, int height, ImageScope scope) {
        String space = in.bands() < 3 ? "b-w" : "srgb";
        VipsImage current = in.interpretation().equals(space) ? in
                : scope.add(Vips.operation("colourspace").set("in", in).set("space", space).image());
        if (current.width() == width && current.height() == height) return current; // e.g. a shrink-on-load exactly
        double hshrink = (double) current.width() / width;
        double vshrink = (double) current.height() / height;
        String format = current.bandFormat();
        boolean premultiply = current.hasAlpha() && hshrink != 1.0 && vshrink != 1.0;
        if (premultiply) current = scope.add(Vips.operation("premultiply").set("in", current).image()); // float
        current = scope.add(Vips.operation("resize").set("in", current).set("scale", 1.0 / hshrink)
                .set("vscale", 1.0 / vshrink).set("kernel", "lanczos3").set("gap", 0.0).image());
        if (!premultiply) return current;
        return cast(scope.add(Vips.operation("unpremultiply").set("in", current).image()), format, scope);
    }

    private static VipsImage cast(VipsImage in, String format, ImageScope scope) {
        return scope.add(Vips.operation("cast").set("in", in).set("format", format).image());
    }
}
