package dev.tessera.processing;

import dev.tessera.image.ImageException;
import dev.tessera.options.Gravity;
import dev.tessera.options.RenderOptions;

/**
 * Sizes of one render, worked out before any pixel is touched. The resize happens in the
 * source's orientation (so rotation runs on the small image); the box is in output orientation.
 */
record Geometry(int resizeWidth, int resizeHeight, int rotatedWidth, int rotatedHeight,
                BoxFit boxFit, int boxWidth, int boxHeight) {

    enum BoxFit { NONE, CROP, PAD }

    /** No output side may exceed this (libpng's own limit, the largest of our encoders). */
    static final int MAX_SIDE = 1_000_000;

    int outputWidth() { return boxFit == BoxFit.NONE ? rotatedWidth : boxWidth; }
    int outputHeight() { return boxFit == BoxFit.NONE ? rotatedHeight : boxHeight; }

    /** Plans a render of a {@code sourceWidth x sourceHeight} source (already oriented and cropped). */
    static Geometry plan(int sourceWidth, int sourceHeight, RenderOptions o) {
        boolean quarterTurn = o.turn().rotate() % 180 != 0;
        int tw = quarterTurn ? sourceHeight : sourceWidth;
        int th = quarterTurn ? sourceWidth : sourceHeight;
        Integer w = o.size().width(), h = o.size().height();
        double sx = 1, sy = 1;
        BoxFit fit = BoxFit.NONE;
        if (w != null && h != null) {
            double fx = (double) w / tw, fy = (double) h / th;
            switch (o.size().fit()) {
                case FILL -> { sx = fx; sy = fy; }
                case INSIDE -> sx = sy = Math.min(fx, fy);
                case CONTAIN -> { sx = sy = Math.min(fx, fy); fit = BoxFit.PAD; }
                case OUTSIDE -> sx = sy = Math.max(fx, fy);
                case COVER -> { sx = sy = Math.max(fx, fy); fit = BoxFit.CROP; }
            }
        } else if (w != null) {
            sx = sy = (double) w / tw;
        } else if (h != null) {
            sx = sy = (double) h / th;
        }
        if (!o.size().enlarge()) { sx = Math.min(sx, 1); sy = Math.min(sy, 1); }
        int rw = side(tw * sx, w != null ? "w" : h != null ? "h" : null);
        int rh = side(th * sy, h != null ? "h" : w != null ? "w" : null);
        int bw = rw, bh = rh;
        if (fit == BoxFit.CROP) { bw = Math.min(w, rw); bh = Math.min(h, rh); }
        if (fit == BoxFit.PAD) { bw = w; bh = h; }
        if (bw == rw && bh == rh) fit = BoxFit.NONE;
        return new Geometry(quarterTurn ? rh : rw, quarterTurn ? rw : rh, rw, rh, fit, bw, bh);
    }

    /** A planned side in pixels (computed in double, so no product wraps), refused over {@link #MAX_SIDE}. */
    private static int side(double exact, String param) {
        double rounded = Math.max(1, Math.round(exact));
        if (rounded > MAX_SIDE) {
            throw new ImageException(ImageException.Reason.OUTPUT_TOO_LARGE, String.format(
                    "the output would be %.0f px on one side; at most %d px are allowed", rounded, MAX_SIDE),
                    param, null);
        }
        return (int) rounded;
    }

    /** Top-left of a {@code inner} span placed in an {@code outer} span by gravity, on one axis. */
    static int place(Gravity g, boolean horizontal, int outer, int inner) {
        int free = outer - inner;
        if (g.kind() == Gravity.Kind.FOCAL) {
            double focus = (horizontal ? g.x() : g.y()) * outer;
            return clamp((int) Math.round(focus - inner / 2.0), 0, Math.max(0, free));
        }
        double anchor = horizontal ? anchorX(g.kind()) : anchorY(g.kind());
        return (int) Math.round(free * anchor);
    }

    private static double anchorX(Gravity.Kind k) {
        return switch (k) {
            case WEST, NORTHWEST, SOUTHWEST -> 0;
            case EAST, NORTHEAST, SOUTHEAST -> 1;
            default -> 0.5;
        };
    }

    private static double anchorY(Gravity.Kind k) {
        return switch (k) {
            case NORTH, NORTHEAST, NORTHWEST -> 0;
            case SOUTH, SOUTHEAST, SOUTHWEST -> 1;
            default -> 0.5;
        };
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
