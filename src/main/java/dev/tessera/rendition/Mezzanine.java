package dev.tessera.rendition;

import dev.tessera.options.Color;
import dev.tessera.options.Fit;
import dev.tessera.options.Flip;
import dev.tessera.options.Gravity;
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
        ImageHeader header = new ImageHeader(mezzanine.format(), m.width(), m.height(), 1, source.hasAlpha(), 1);
        return Optional.of(new Plan(mezzanine, header, exactly(resolved, target.width(), target.height())));
    }

    static boolean expensive(ImageHeader source) {
        return source.format() != ImageFormat.JPEG || source.progressive() || source.pixels() > LARGE_PIXELS;
    }

    /** A resize with nothing else: no crop, turn, flip, filter or box, one frame. */
    private static boolean plainResize(RenderOptions o, ImageHeader source) {
        boolean box = o.width() != null && o.height() != null && o.fit() != Fit.INSIDE;
        return !box && o.crop() == null && o.rotate() == 0 && o.flip() == Flip.NONE && o.blur() == null
                && o.sharpen() == null && source.pages() == 1;
    }

    /** JPEG for a JPEG original, else lossless PNG (alpha kept); upright, in sRGB, one frame. */
    private static RenderOptions options(ImageHeader source) {
        ImageFormat format = source.format() == ImageFormat.JPEG ? ImageFormat.JPEG : ImageFormat.PNG;
        return new RenderOptions(LONG_EDGE, LONG_EDGE, Fit.INSIDE, Gravity.CENTER, false, null, 0, Flip.NONE, null,
                null, Color.WHITE, format, false, format == ImageFormat.JPEG ? JPEG_QUALITY : null, false);
    }

    /** The options that turn the mezzanine into the rendition: exactly its planned size, nothing else. */
    private static RenderOptions exactly(RenderOptions resolved, int width, int height) {
        return new RenderOptions(width, height, Fit.FILL, resolved.gravity(), true, null, 0, Flip.NONE, null, null,
                resolved.background(), resolved.format(), false, resolved.quality(), resolved.animated());
    }
}
