package dev.tessera.rendition;

import dev.tessera.options.Fit;
import dev.tessera.image.ImageFormat;
import dev.tessera.options.RenderOptions;
import dev.tessera.image.ImageHeader;
import dev.tessera.processing.RenderPlan;
import dev.tessera.processing.Renderer;
import java.util.Optional;

/**
 * The mezzanine: one mid-size copy of an expensive original (not JPEG, progressive, or over 16 MP), at most
 * {@value #LONG_EDGE} px on its long edge, cached like a rendition. A plain resize at most half its size in
 * both dimensions is rendered from it. The choice depends only on the original's header and the options, so
 * a rendition key has the same bytes on every node, whatever the node has cached.
 */
final class Mezzanine {
    static final int LONG_EDGE = 2048;
    /** Originals whose long edge is below this gain too little from a copy of {@link #LONG_EDGE}. */
    private static final int MIN_SOURCE_EDGE = LONG_EDGE * 3 / 2;
    private static final long LARGE_PIXELS = 16_000_000L;
    private static final int JPEG_QUALITY = 92;

    /** What a rendition is made from: the mezzanine's options and the rendition's options over it. */
    record Plan(RenderOptions mezzanine, ImageHeader mezzanineHeader, RenderOptions rendition) {}

    private Mezzanine() {}

    /**
     * The plan when {@code resolved}, a rendition of the original {@code source} planned as {@code target},
     * is made from the mezzanine.
     */
    static Optional<Plan> plan(ImageHeader source, RenderOptions resolved, RenderPlan target) {
        if (!expensive(source) || !plainResize(resolved, source)) return Optional.empty();
        if (Math.max(source.width(), source.height()) < MIN_SOURCE_EDGE) return Optional.empty();
        RenderOptions mezzanine = options(source);
        RenderPlan m = Renderer.layout(source, mezzanine);
        if (2 * target.width() > m.width() || 2 * target.height() > m.height()) return Optional.empty();
        ImageHeader header = new ImageHeader(mezzanine.output().format(), m.width(), m.height(), 1, source.hasAlpha(), 1);
        return Optional.of(new Plan(mezzanine, header, exactly(resolved, target.width(), target.height())));
    }

    static boolean expensive(ImageHeader source) {
        return source.format() != ImageFormat.JPEG || source.progressive() || source.pixels() > LARGE_PIXELS;
    }

    /** A resize with nothing else: no crop, turn, flip, filter or box, one frame. */
    private static boolean plainResize(RenderOptions o, ImageHeader source) {
        RenderOptions.Size size = o.size();
        boolean box = size.width() != null && size.height() != null && size.fit() != Fit.INSIDE;
        return !box && o.crop() == null && o.turn().equals(RenderOptions.DEFAULTS.turn())
                && o.filters().equals(RenderOptions.DEFAULTS.filters()) && source.pages() == 1;
    }

    /** JPEG for a JPEG original, else lossless PNG (alpha kept); upright, in sRGB, one frame. */
    private static RenderOptions options(ImageHeader source) {
        ImageFormat format = source.format() == ImageFormat.JPEG ? ImageFormat.JPEG : ImageFormat.PNG;
        return RenderOptions.builder().width(LONG_EDGE).height(LONG_EDGE).format(format)
                .quality(format == ImageFormat.JPEG ? JPEG_QUALITY : null).animated(false).build();
    }

    /** The options that turn the mezzanine into the rendition: exactly its planned size, nothing else. */
    private static RenderOptions exactly(RenderOptions resolved, int width, int height) {
        return RenderOptions.builder().size(new RenderOptions.Size(width, height, Fit.FILL, resolved.size().gravity(),
                true)).output(resolved.output()).build();
    }
}
