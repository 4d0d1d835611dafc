package dev.tessera.templates;

import dev.tessera.image.ImageException;
import dev.tessera.image.ImageFormat;
import dev.tessera.image.SourceImage;
import dev.tessera.processing.Encoding;
import dev.tessera.text.TextLayout;
import dev.tessera.text.TextRaster;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsException;
import dev.tessera.vips.VipsImage;
import dev.tessera.vips.VipsOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws a {@link Scene} with libvips: the background, then each layer as an RGBA overlay at its box, all blended
 * ("over") in one {@code composite}, then encoded. Image layers are decoded with shrink-on-load to their box.
 */
final class Composer {
    private static final int OVER = 2; // VIPS_BLEND_MODE_OVER

    private final TextLayout text;

    /** {@code text} may be null: then a scene with a text layer cannot be drawn. */
    Composer(TextLayout text) {
        this.text = text;
    }

    byte[] render(Scene scene, Map<Scene.Picture, SourceImage> images, ImageFormat format, Integer quality) {
        try (Disposer d = new Disposer()) {
            return Encoding.encode(compose(d, scene, images, format), format, quality);
        }
    }

    private VipsImage compose(Disposer d, Scene scene, Map<Scene.Picture, SourceImage> images, ImageFormat format) {
        List<VipsImage> layers = new ArrayList<>();
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        layers.add(Shapes.solid(d, scene.width(), scene.height(), scene.background(), null));
        for (Scene.Drawing drawing : scene.drawings()) {
            Placed p = switch (drawing) {
                case Scene.Picture pic -> picture(d, pic, images.get(pic));
                case Scene.Rect rect -> new Placed(Shapes.solid(d, rect.box().w(), rect.box().h(), rect.rgba(),
                        mask(d, rect.box(), rect.radius())), 0, 0);
                case Scene.Words words -> words(d, words);
            };
            if (p == null) continue;
            layers.add(p.image());
            xs.add(drawing.box().x() + p.dx());
            ys.add(drawing.box().y() + p.dy());
        }
        VipsImage canvas = layers.size() == 1 ? layers.getFirst() : d.add(Vips.operation("composite")
                .set("in", layers.toArray(VipsImage[]::new)).set("mode", modes(layers.size() - 1))
                .set("x", ints(xs)).set("y", ints(ys)).image());
        VipsImage out = d.add(Vips.operation("cast").set("in", canvas).set("format", "uchar").image());
        if (scene.background()[3] == 255 || !format.supportsAlpha()) {
            return d.add(Vips.operation("flatten").set("in", out).set("background", new double[] {255, 255, 255})
                    .image());
        }
        return out;
    }

    private record Placed(VipsImage image, int dx, int dy) {}

    private static Placed picture(Disposer d, Scene.Picture pic, SourceImage source) {
        Scene.Box box = pic.box();
        VipsOperation thumbnail = switch (source) {
            case SourceImage.InMemory m -> Vips.operation("thumbnail_buffer").set("buffer", m.bytes());
            case SourceImage.OnDisk f -> Vips.operation("thumbnail").set("filename", f.file().toString());
        };
        thumbnail.set("width", box.w()).set("height", box.h());
        switch (pic.fit()) {
            case "cover", "outside" -> thumbnail.set("crop", "centre");
            case "fill" -> thumbnail.set("size", "force");
            case "inside" -> thumbnail.set("size", "down");
            default -> { } // contain: the largest size that fits, centred
        }
        VipsImage image;
        try {
            image = d.add(rgba(d, d.add(thumbnail.image())).copyMemory()); // decoded here: a bad source fails here
        } catch (VipsException e) {
            throw new LayerFailedException(pic.field(), new ImageException(ImageException.Reason.UNDECODABLE,
                    "the image of an image layer cannot be decoded", null, e));
        }
        Scene.Box drawn = new Scene.Box(0, 0, image.width(), image.height());
        if (pic.radius() > 0) image = Shapes.withMask(d, image, mask(d, drawn, pic.radius()));
        return new Placed(image, (box.w() - drawn.w()) / 2, (box.h() - drawn.h()) / 2);
    }

    private Placed words(Disposer d, Scene.Words words) {
        if (text == null) throw new IllegalStateException("no text layout engine is configured");
        TextRaster r = text.layout(words.text(), words.style(), words.box().w(), words.box().h());
        if (r.width() <= 0 || r.height() <= 0) return null;
        VipsImage pixels = d.add(VipsImage.fromPixels(r.rgba(), r.width(), r.height(), 4));
        return new Placed(d.add(Vips.operation("copy").set("in", pixels).set("interpretation", "srgb").image()), 0, 0);
    }

    /** sRGB, 8-bit, with an alpha band. */
    private static VipsImage rgba(Disposer d, VipsImage image) {
        VipsImage srgb = d.add(Vips.operation("colourspace").set("in", image).set("space", "srgb").image());
        VipsImage bytes = d.add(Vips.operation("cast").set("in", srgb).set("format", "uchar").image());
        if (bytes.bands() == 4) return bytes;
        return d.add(Vips.operation("bandjoin_const").set("in", bytes).set("c", new double[] {255}).image());
    }

    private static VipsImage mask(Disposer d, Scene.Box box, int radius) {
        int r = Math.min(radius, Math.min(box.w(), box.h()) / 2);
        return r <= 0 ? null : Shapes.roundedMask(d, box.w(), box.h(), r);
    }

    private static int[] modes(int n) {
        int[] modes = new int[n];
        java.util.Arrays.fill(modes, OVER);
        return modes;
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
