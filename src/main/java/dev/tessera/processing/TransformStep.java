package dev.tessera.processing;

import dev.tessera.options.Color;
import dev.tessera.options.Flip;
import dev.tessera.options.Gravity;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsException;
import dev.tessera.vips.VipsImage;

/**
 * The steps after the resize, in the order they run. Each reads the immutable plan and returns
 * a new image, or its input unchanged when it has nothing to do.
 */
enum TransformStep {
    TO_SRGB {
        /** Into sRGB from an embedded ICC profile (thumbnail keeps it attached), then as below. */
        @Override VipsImage apply(VipsImage in, FramePlan plan, ImageScope scope) {
            if (!in.hasField("icc-profile-data")) return convert(in, plan, scope);
            VipsImage imported;
            try {
                imported = scope.add(Vips.operation("icc_transform").set("in", in).set("output-profile", "srgb")
                        .set("embedded", true).image());
            } catch (VipsException unusableProfile) {
                return convert(in, plan, scope);
            }
            imported.removeField("icc-profile-data"); // plain sRGB now; libvips 8.14's webpsave keeps it despite strip
            return convert(imported, plan, scope);
        }

        /** Intermediates go into the render's scope at once, so an error at any point leaks none of them. */
        private VipsImage convert(VipsImage in, FramePlan plan, ImageScope scope) {
            boolean padding = plan.geometry().boxFit() == Geometry.BoxFit.PAD;
            Color bg = plan.options().output().background();
            boolean flattenOntoColour = in.hasAlpha() && !plan.output().supportsAlpha()
                    && (bg.r() != bg.g() || bg.g() != bg.b());
            String space = in.interpretation();
            boolean grey = space.equals("b-w") || space.equals("grey16");
            String target = grey && !padding && !flattenOntoColour ? "b-w" : "srgb";
            VipsImage out = in;
            if (!space.equals(target)) {
                out = scope.add(Vips.operation("colourspace").set("in", in).set("space", target).image());
            }
            if (out.bandFormat().equals("uchar")) return out;
            return scope.add(Vips.operation("cast").set("in", out).set("format", "uchar").image());
        }
    },
    ROTATE {
        @Override VipsImage apply(VipsImage in, FramePlan plan, ImageScope scope) {
            int degrees = plan.options().turn().rotate();
            if (degrees == 0) return in;
            return Vips.operation("rot").set("in", in).set("angle", "d" + degrees).image();
        }
    },
    FLIP {
        @Override VipsImage apply(VipsImage in, FramePlan plan, ImageScope scope) {
            Flip flip = plan.options().turn().flip();
            if (flip == Flip.NONE) return in;
            if (flip == Flip.HV) return Vips.operation("rot").set("in", in).set("angle", "d180").image();
            String direction = flip == Flip.H ? "horizontal" : "vertical";
            return Vips.operation("flip").set("in", in).set("direction", direction).image();
        }
    },
    FIT_BOX {
        @Override VipsImage apply(VipsImage in, FramePlan plan, ImageScope scope) {
            Geometry g = plan.geometry();
            return switch (g.boxFit()) {
                case NONE -> in;
                case CROP -> crop(in, plan);
                case PAD -> pad(in, plan);
            };
        }
    },
    BLUR {
        @Override VipsImage apply(VipsImage in, FramePlan plan, ImageScope scope) {
            Double sigma = plan.options().filters().blur();
            return sigma == null ? in : Vips.operation("gaussblur").set("in", in).set("sigma", sigma).image();
        }
    },
    SHARPEN {
        @Override VipsImage apply(VipsImage in, FramePlan plan, ImageScope scope) {
            Double sigma = plan.options().filters().sharpen();
            return sigma == null ? in : Vips.operation("sharpen").set("in", in).set("sigma", sigma).image();
        }
    },
    FLATTEN {
        @Override VipsImage apply(VipsImage in, FramePlan plan, ImageScope scope) {
            if (!in.hasAlpha() || plan.output().supportsAlpha()) return in;
            Color bg = plan.options().output().background();
            return Vips.operation("flatten").set("in", in).set("background", rgb(bg, in.bands() - 1)).image();
        }
    };

    /** The step's output; intermediates it makes on the way belong to {@code scope}. */
    abstract VipsImage apply(VipsImage in, FramePlan plan, ImageScope scope);

    private static VipsImage crop(VipsImage in, FramePlan plan) {
        Geometry g = plan.geometry();
        Gravity gravity = plan.options().size().gravity();
        boolean smart = gravity.kind() == Gravity.Kind.SMART || gravity.kind() == Gravity.Kind.ENTROPY;
        if (smart && !plan.animated()) {
            String interesting = gravity.kind() == Gravity.Kind.SMART ? "attention" : "entropy";
            return Vips.operation("smartcrop").set("input", in).set("width", g.boxWidth())
                    .set("height", g.boxHeight()).set("interesting", interesting).image();
        }
        int left = Geometry.place(gravity, true, in.width(), g.boxWidth());
        int top = Geometry.place(gravity, false, in.height(), g.boxHeight());
        return Vips.operation("extract_area").set("input", in).set("left", left).set("top", top)
                .set("width", g.boxWidth()).set("height", g.boxHeight()).image();
    }

    private static VipsImage pad(VipsImage in, FramePlan plan) {
        Geometry g = plan.geometry();
        Color bg = plan.options().output().background();
        boolean wantsAlpha = !bg.opaque() && plan.output().supportsAlpha() && !in.hasAlpha();
        try (VipsImage withAlpha = wantsAlpha
                ? Vips.operation("bandjoin_const").set("in", in).set("c", new double[] {255}).image() : null) {
            VipsImage source = withAlpha != null ? withAlpha : in;
            Gravity gravity = plan.options().size().gravity();
            int x = Geometry.place(gravity, true, g.boxWidth(), source.width());
            int y = Geometry.place(gravity, false, g.boxHeight(), source.height());
            double[] background = source.hasAlpha() ? rgba(bg) : rgb(bg, source.bands());
            return Vips.operation("embed").set("in", source).set("x", x).set("y", y)
                    .set("width", g.boxWidth()).set("height", g.boxHeight())
                    .set("extend", "background").set("background", background).image();
        }
    }

    private static double[] rgb(Color c, int bands) {
        if (bands < 3) return new double[] {Math.round(0.2126 * c.r() + 0.7152 * c.g() + 0.0722 * c.b())};
        return new double[] {c.r(), c.g(), c.b()};
    }

    private static double[] rgba(Color c) {
        return new double[] {c.r(), c.g(), c.b(), c.a()};
    }
}
