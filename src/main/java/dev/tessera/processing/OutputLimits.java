package dev.tessera.processing;

import dev.tessera.image.ImageException;
import dev.tessera.image.ImageHeader;
import dev.tessera.options.Crop;
import dev.tessera.image.ImageFormat;
import dev.tessera.options.RenderOptions;

/**
 * The checks a render must pass before any pixel is touched, as pure functions of the source's
 * header, the options and the output format: each refusal is a 422 that names the limit.
 * Costs are CPU milliseconds per megapixel, measured on noise (the worst case) with libvips 8.14
 * on one core of the reference machine; {@link Limits#costScale()} rescales them.
 */
final class OutputLimits {
    /** Blur cost grows faster than sigma above ~20 (libvips leaves its vector path): ms per MP and sigma. */
    static final double BLUR_MS_PER_MP_SIGMA = 25;
    static final double DECODE_MS_PER_MP = 40;
    static final double TRANSFORM_MS_PER_MP = 20;
    /** At most this blur sigma x output megapixels (about 5 s of CPU). */
    static final double MAX_BLUR_SIGMA_MP = 200;

    private OutputLimits() {}

    /** Refuses a render that breaks an output limit or cannot finish by the deadline. */
    static void check(ImageHeader header, Crop crop, Geometry g, ImageFormat output, int frames,
                      RenderOptions options, Limits limits) {
        long framePixels = Math.max((long) g.resizeWidth() * g.resizeHeight(), (long) g.outputWidth() * g.outputHeight());
        long pixels = framePixels * frames;
        if (pixels > limits.maxOutputPixels()) {
            throw refuse(ImageException.Reason.OUTPUT_TOO_LARGE, "the output would have " + pixels
                    + " pixels; at most " + limits.maxOutputPixels() + " are allowed", sizeParam(options));
        }
        EncoderSettings encoder = EncoderSettings.of(output, framePixels);
        int side = Math.max(g.outputWidth(), g.outputHeight());
        if (side > encoder.maxSide()) {
            String param = g.outputWidth() >= g.outputHeight() ? sideParam(options.size().width(), "w")
                    : sideParam(options.size().height(), "h");
            throw refuse(ImageException.Reason.OUTPUT_TOO_LARGE, output.id() + " output is at most "
                    + encoder.maxSide() + " px per side; this one would be " + g.outputWidth() + "x"
                    + g.outputHeight(), param);
        }
        if (framePixels > encoder.maxFramePixels()) {
            throw refuse(ImageException.Reason.OUTPUT_TOO_LARGE, output.id() + " output is at most "
                    + encoder.maxFramePixels() + " pixels per frame; this one would have " + framePixels,
                    sizeParam(options));
        }
        double outputMp = pixels / 1e6;
        Double blur = options.filters().blur();
        if (blur != null && blur * outputMp > MAX_BLUR_SIGMA_MP) {
            throw refuse(ImageException.Reason.RENDER_TOO_COSTLY, String.format("blur sigma x output megapixels"
                    + " is at most %.0f; this render would be %.0f", MAX_BLUR_SIGMA_MP, blur * outputMp),
                    "blur");
        }
        double predicted = predictedMillis(header, crop, frames, pixels, encoder, options) * limits.costScale();
        long budget = limits.renderTimeout().toMillis();
        if (predicted > budget) {
            throw refuse(ImageException.Reason.RENDER_TOO_COSTLY, String.format("the render would take about"
                    + " %.0f ms; the limit is %d ms", predicted, budget), sizeParam(options));
        }
    }

    /** Worst-case CPU milliseconds of the whole render at this machine's measured rates. */
    static double predictedMillis(ImageHeader header, Crop crop, int frames, long outputPixels,
                                  EncoderSettings encoder, RenderOptions options) {
        double sourceMp = (crop != null ? (double) crop.width() * crop.height() : (double) header.width()
                * header.height()) * frames / 1e6;
        double outputMp = outputPixels / 1e6;
        Double sigma = options.filters().blur();
        double blur = sigma == null ? 0 : sigma * outputMp * BLUR_MS_PER_MP_SIGMA;
        return sourceMp * DECODE_MS_PER_MP + outputMp * TRANSFORM_MS_PER_MP + blur
                + outputMp * encoder.msPerMegapixel();
    }

    private static String sizeParam(RenderOptions o) {
        return o.size().width() != null ? "w" : o.size().height() != null ? "h" : "fm";
    }

    private static String sideParam(Integer requested, String name) {
        return requested != null ? name : "fm";
    }

    private static ImageException refuse(ImageException.Reason reason, String message, String param) {
        return new ImageException(reason, message, param, null);
    }
}
