package dev.tessera.templates;

import dev.tessera.image.ImageFormat;
import dev.tessera.png.PngWriter;
import dev.tessera.processing.Encoding;
import dev.tessera.processing.StageTimings;
import dev.tessera.rendition.Source;
import dev.tessera.text.TextLayout;
import dev.tessera.text.TextRaster;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.util.Map;

/**
 * Draws a {@link Scene} into an 8-bit {@link Canvas}: the background, then each layer in order at its box
 * (image layers decoded and fitted by libvips, text by the text layout), then encodes it with libvips. The canvas
 * has no alpha band unless the background is translucent and the format keeps alpha (else the background is
 * flattened on white first: the same pixels as flattening the finished canvas). PNG is written by
 * {@link PngWriter} (libdeflate, several times faster than libpng + zlib), the other formats by libvips. Canvas
 * arrays are kept for the next render ({@link PixelArrays}).
 */
final class Composer {
    /** The largest canvas array kept between renders: 1200x628 RGBA at dpr 2 is 12 MB. */
    private static final int MAX_KEPT_CANVAS = 16 << 20;

    private final TextLayout text;
    private final FittedImages images;
    private final PngWriter png;
    private final PixelArrays arrays = new PixelArrays(Runtime.getRuntime().availableProcessors(), MAX_KEPT_CANVAS);

    /** {@code text} may be null: then a scene with a text layer cannot be drawn. */
    Composer(TextLayout text, FittedImages images, PngWriter png) {
        this.text = text;
        this.images = images;
        this.png = png;
    }

    /** The encoded scene; image and text layers and the encoding are timed in {@code timings} (image, text, encode). */
    byte[] render(Scene scene, Map<Scene.Picture, Source> sources, ImageFormat format, Integer quality,
                  StageTimings timings) {
        int[] bg = scene.background();
        int[] colour = bg[3] < 255 && format.supportsAlpha() ? bg : onWhite(bg);
        Canvas canvas = new Canvas(scene.width(), scene.height(), colour,
                arrays.take(scene.width() * scene.height() * colour.length));
        try {
            compose(canvas, scene, sources, timings);
            return timings.time("encode", () -> encode(canvas, format, quality));
        } finally {
            arrays.give(canvas.pixels); // both encoders are done with it: the PNG is written, libvips copied it
        }
    }

    private byte[] encode(Canvas canvas, ImageFormat format, Integer quality) {
        if (format == ImageFormat.PNG) return png.write(canvas.pixels, canvas.width, canvas.height, canvas.bands);
        try (VipsImage pixels = VipsImage.fromPixels(canvas.pixels, canvas.width, canvas.height, canvas.bands);
             VipsImage srgb = Vips.operation("copy").set("in", pixels).set("interpretation", "srgb").image()) {
            return Encoding.encode(srgb, format, quality);
        }
    }

    private void compose(Canvas canvas, Scene scene, Map<Scene.Picture, Source> sources, StageTimings timings) {
        for (Scene.Drawing drawing : scene.drawings()) {
            Scene.Box box = drawing.box();
            switch (drawing) {
                case Scene.Picture pic -> {
                    FittedImages.Fitted f = timings.time("image", () -> images.get(pic, sources.get(pic)));
                    canvas.draw(f.pixels(), f.width(), f.height(), f.bands(), box.x() + (box.w() - f.width()) / 2,
                            box.y() + (box.h() - f.height()) / 2);
                }
                case Scene.Rect rect -> canvas.rect(box.x(), box.y(), box.w(), box.h(), rect.rgba(), rect.radius());
                case Scene.Words words -> {
                    if (text == null) throw new IllegalStateException("no text layout engine is configured");
                    TextRaster r = timings.time("text", () -> text.layout(words.text(), words.style(), box.w(),
                            box.h()));
                    if (r.width() > 0 && r.height() > 0) {
                        canvas.draw(r.rgba(), r.width(), r.height(), 4, box.x(), box.y());
                    }
                }
            }
        }
    }

    /** The colour over white: what flattening gives. */
    private static int[] onWhite(int[] c) {
        int a = c[3];
        int[] out = new int[3];
        for (int i = 0; i < 3; i++) out[i] = (c[i] * a + 255 * (255 - a) + 127) / 255;
        return out;
    }
}
