package dev.tessera.rendition;

import dev.tessera.image.ImageFormat;
import dev.tessera.image.ImageHeader;
import dev.tessera.options.Fit;
import dev.tessera.options.RenderOptions;
import dev.tessera.processing.RenderPlan;
import dev.tessera.processing.Renderer;
import java.util.Optional;

/**
 * The mezzanine: one mid-size copy of an original that is expensive to decode (progressive, not JPEG, more than
 * 8 bits per sample, or more pixels than a {@value #LONG_EDGE} px square), about {@value #LONG_EDGE} px on its
 * long edge, upright, in sRGB, cached (and stored) like a rendition: a baseline JPEG q92, its chroma subsampled
 * unless that loses colour detail a rendition shows ({@link dev.tessera.processing.HalfDecode} measures), or a
 * lossless PNG when the original has alpha. A JPEG original whose half is {@value #MIN_EDGE}
 * to {@value #MAX_HALF_EDGE} px long gets a mezzanine of exactly half its size: the decoder's shrink by 2 and no
 * resize (12 MP: 4000x3000 -> 2000x1500, 4272x2848 -> 2136x1424), which made sunset.jpg's mezzanine in 166 ms
 * instead of 287 (shrink 2, lanczos3 to 2048) or 334 (full decode, lanczos3), vips CLI, one thread. A plain
 * resize at most half its size in both dimensions is rendered from it; from a JPEG mezzanine whose half decode
 * was measured faithful when it was made ({@link dev.tessera.processing.HalfDecode}, a mark in its bytes), with a
 * shrink by 2 on load. The choice depends only on the original and the options, so a rendition key has the same
 * bytes on every node, whatever the node has cached.
 */
final class Mezzanine {
    static final int LONG_EDGE = 2048;
    /** The long edges of a mezzanine made by the decoder's shrink by 2 alone. */
    static final int MIN_EDGE = 1800;
    static final int MAX_HALF_EDGE = 2304;
    private static final long LARGE_PIXELS = (long) LONG_EDGE * LONG_EDGE;
    private static final int JPEG_QUALITY = 92;

    /** What a rendition is made from: the mezzanine's options and the rendition's options over it. */
    record Plan(RenderOptions mezzanine, RenderOptions rendition) {}

    private Mezzanine() {}

    /**
     * The plan when {@code resolved}, a rendition of the original {@code source} planned as {@code target},
     * is made from the mezzanine.
     */
    static Optional<Plan> plan(ImageHeader source, RenderOptions resolved, RenderPlan target) {
        if (!worthIt(source) || !plainResize(resolved)) return Optional.empty();
        RenderOptions mezzanine = options(source);
        RenderPlan m = Renderer.layout(source, mezzanine);
        if (2 * target.width() > m.width() || 2 * target.height() > m.height()) return Optional.empty();
        return Optional.of(new Plan(mezzanine, exactly(resolved, target.width(), target.height())));
    }

    /** Whether the original gets a mezzanine: a single frame larger than one, and expensive to decode. */
    static boolean worthIt(ImageHeader source) {
        boolean larger = Math.max(source.width(), source.height()) > LONG_EDGE;
        return larger && source.pages() == 1 && (source.format() != ImageFormat.JPEG || source.progressive()
                || source.bitDepth() > 8 || source.pixels() > LARGE_PIXELS);
    }

    /** The mezzanine's options: the same for every node and every rendition of this original. */
    static RenderOptions options(ImageHeader source) {
        ImageFormat format = source.hasAlpha() ? ImageFormat.PNG : ImageFormat.JPEG;
        int half = Math.max(source.width(), source.height()) / 2; // the decoder's shrink by 2 rounds down
        int edge = source.format() == ImageFormat.JPEG && half >= MIN_EDGE && half <= MAX_HALF_EDGE ? half : LONG_EDGE;
        return RenderOptions.builder().width(edge).height(edge).format(format)
                .quality(format == ImageFormat.JPEG ? JPEG_QUALITY : null).animated(false).build();
    }

    /**
     * The mezzanine's header, known before it exists: upright, one frame, 8-bit sRGB at its planned size, a
     * baseline JPEG or (with alpha) a non-interlaced PNG.
     */
    static ImageHeader header(ImageHeader source) {
        RenderOptions options = options(source);
        RenderPlan m = Renderer.layout(source, options);
        boolean alpha = source.hasAlpha();
        return new ImageHeader(options.output().format(), m.width(), m.height(), 1, alpha, 1, false, alpha ? 4 : 3, 8,
                alpha ? 0 : 1); // 4:4:4, the larger estimate (only a progressive decode's reads it)
    }

    /** A resize with nothing else: no crop, turn, flip, filter or box. */
    private static boolean plainResize(RenderOptions o) {
        RenderOptions.Size size = o.size();
        boolean box = size.width() != null && size.height() != null && size.fit() != Fit.INSIDE;
        return !box && o.crop() == null && o.turn().equals(RenderOptions.DEFAULTS.turn())
                && o.filters().equals(RenderOptions.DEFAULTS.filters());
    }

    /** The options that turn the mezzanine into the rendition: exactly its planned size, nothing else. */
    private static RenderOptions exactly(RenderOptions resolved, int width, int height) {
        return RenderOptions.builder().size(new RenderOptions.Size(width, height, Fit.FILL, resolved.size().gravity(),
                true)).output(resolved.output()).build();
    }
}
