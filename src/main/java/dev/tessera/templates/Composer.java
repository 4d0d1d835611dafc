package dev.tessera.templates;

import dev.tessera.image.ImageFormat;
import dev.tessera.processing.Encoding;
import dev.tessera.rendition.Source;
import dev.tessera.text.TextLayout;
import dev.tessera.text.TextRaster;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.util.Map;

/**
 * Draws a {@link Scene} with libvips, 8 bits a band: the background, then each layer in order at its box, an
 * opaque layer inserted, a layer with alpha blended ("over") with the canvas under its box only; then encoded.
 * The canvas has no alpha band unless the background is translucent and the format keeps alpha (else the
 * background is flattened on white first: the same pixels as flattening the finished canvas).
 */
final class Composer {
    private static final int OVER = 2; // VIPS_BLEND_MODE_OVER

    private final TextLayout text;
    private final FittedImages images;

    /** {@code text} may be null: then a scene with a text layer cannot be drawn. */
    Composer(TextLayout text, FittedImages images) {
        this.text = text;
        this.images = images;
    }

    byte[] render(Scene scene, Map<Scene.Picture, Source> sources, ImageFormat format, Integer quality) {
        try (Disposer d = new Disposer()) {
            return Encoding.encode(compose(d, scene, sources, format), format, quality);
        }
    }

    private VipsImage compose(Disposer d, Scene scene, Map<Scene.Picture, Source> sources, ImageFormat format) {
        int[] bg = scene.background();
        boolean alpha = bg[3] < 255 && format.supportsAlpha();
        VipsImage canvas = Shapes.solid(d, scene.width(), scene.height(), alpha ? bg : onWhite(bg), null);
        for (Scene.Drawing drawing : scene.drawings()) {
            Placed p = switch (drawing) {
                case Scene.Picture pic -> picture(d, images.get(pic, sources.get(pic)));
                case Scene.Rect rect -> rect(d, rect);
                case Scene.Words words -> words(d, words);
            };
            if (p == null) continue;
            int x = drawing.box().x() + p.dx(), y = drawing.box().y() + p.dy();
            canvas = p.opaque() ? insert(d, canvas, p.image(), x, y) : blend(d, canvas, p.image(), x, y);
        }
        return canvas;
    }

    /** A layer drawn at its box plus (dx, dy); opaque: 3 bands, else RGBA. */
    private record Placed(VipsImage image, int dx, int dy, boolean opaque) {}

    private static Placed picture(Disposer d, FittedImages.Fitted f) {
        VipsImage pixels = d.add(VipsImage.fromPixels(f.pixels(), f.width(), f.height(), f.bands()));
        return new Placed(srgb(d, pixels), 0, 0, f.opaque());
    }

    private static Placed rect(Disposer d, Scene.Rect rect) {
        Scene.Box box = rect.box();
        int r = Math.min(rect.radius(), Math.min(box.w(), box.h()) / 2);
        int[] c = rect.rgba();
        if (r <= 0 && c[3] == 255) return new Placed(Shapes.solid(d, box.w(), box.h(), rgb(c), null), 0, 0, true);
        VipsImage mask = r <= 0 ? null : Shapes.roundedMask(d, box.w(), box.h(), r);
        return new Placed(Shapes.solid(d, box.w(), box.h(), c, mask), 0, 0, false);
    }

    private Placed words(Disposer d, Scene.Words words) {
        if (text == null) throw new IllegalStateException("no text layout engine is configured");
        TextRaster r = text.layout(words.text(), words.style(), words.box().w(), words.box().h());
        if (r.width() <= 0 || r.height() <= 0) return null;
        return new Placed(srgb(d, d.add(VipsImage.fromPixels(r.rgba(), r.width(), r.height(), 4))), 0, 0, false);
    }

    /** {@code layer} (3 bands) over the canvas at (x, y), clipped to the canvas. */
    private static VipsImage insert(Disposer d, VipsImage canvas, VipsImage layer, int x, int y) {
        if (canvas.bands() == 4) {
            layer = d.add(Vips.operation("bandjoin_const").set("in", layer).set("c", new double[] {255}).image());
        }
        return d.add(Vips.operation("insert").set("main", canvas).set("sub", layer).set("x", x).set("y", y).image());
    }

    /** {@code layer} (RGBA) blended over the canvas at (x, y): only the part of the canvas under it is computed. */
    private static VipsImage blend(Disposer d, VipsImage canvas, VipsImage layer, int x, int y) {
        int x0 = Math.max(0, x), y0 = Math.max(0, y);
        int x1 = Math.min(canvas.width(), x + layer.width()), y1 = Math.min(canvas.height(), y + layer.height());
        if (x1 <= x0 || y1 <= y0) return canvas;
        VipsImage under = d.add(Vips.operation("extract_area").set("input", canvas).set("left", x0).set("top", y0)
                .set("width", x1 - x0).set("height", y1 - y0).image());
        VipsImage over = d.add(Vips.operation("composite2").set("base", under).set("overlay", layer)
                .set("mode", OVER).set("x", x - x0).set("y", y - y0).image());
        VipsImage bytes = d.add(Vips.operation("cast").set("in", over).set("format", "uchar").image());
        if (canvas.bands() == 3) {
            bytes = d.add(Vips.operation("extract_band").set("in", bytes).set("band", 0).set("n", 3).image());
        }
        return d.add(Vips.operation("insert").set("main", canvas).set("sub", bytes).set("x", x0).set("y", y0)
                .image());
    }

    private static VipsImage srgb(Disposer d, VipsImage pixels) {
        return d.add(Vips.operation("copy").set("in", pixels).set("interpretation", "srgb").image());
    }

    /** The colour over white: what flattening gives. */
    private static int[] onWhite(int[] c) {
        int a = c[3];
        int[] out = new int[3];
        for (int i = 0; i < 3; i++) out[i] = Math.round((c[i] * a + 255 * (255 - a)) / 255f);
        return out;
    }

    private static int[] rgb(int[] c) {
        return new int[] {c[0], c[1], c[2]};
    }
}
