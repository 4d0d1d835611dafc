package dev.tessera.templates;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tessera.image.ImageException;
import dev.tessera.image.SourceImage;
import dev.tessera.rendition.Source;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsException;
import dev.tessera.vips.VipsImage;
import dev.tessera.vips.VipsOperation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Image layers decoded (shrink-on-load to their box), fitted and masked, kept as 8-bit sRGB pixels in a cache
 * bounded in bytes and keyed by the source's content hash, box size, fit and radius: a product photo or a logo
 * shown in many ads is decoded once. Content-addressed, so an entry is never stale.
 */
final class FittedImages {
    /** The fitted pixels: {@code bands} is 3 (opaque) or 4 (RGBA). */
    record Fitted(byte[] pixels, int width, int height, int bands) {}

    private record Key(String contentId, int w, int h, String fit, int radius) {}

    private final Cache<Key, Fitted> cache;
    private final Counter decodes;

    FittedImages(long maxBytes, MeterRegistry registry) {
        this.cache = Caffeine.newBuilder().maximumWeight(maxBytes).executor(Runnable::run) // 0: evicted at once
                .weigher((Key k, Fitted f) -> f.pixels().length + 128).build();
        this.decodes = Counter.builder("tessera.templates.image.decodes")
                .description("template image layers decoded and fitted (cache misses)").register(registry);
    }

    /** The fitted pixels of {@code picture} from {@code source}, opened (read) only on a cache miss. */
    Fitted get(Scene.Picture picture, Source source) {
        Scene.Box box = picture.box();
        Key key = new Key(source.contentId(), box.w(), box.h(), picture.fit(), picture.radius());
        return cache.get(key, k -> {
            decodes.increment();
            try (SourceImage image = LayerSources.open(picture, source)) {
                return fit(picture, image);
            }
        });
    }

    private static Fitted fit(Scene.Picture pic, SourceImage source) {
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
        try (Disposer d = new Disposer()) {
            VipsImage image = srgb(d, d.add(thumbnail.image()));
            byte[] pixels = image.toBytes();
            int w = image.width(), h = image.height();
            int r = Math.min(pic.radius(), Math.min(w, h) / 2);
            if (r <= 0) return new Fitted(pixels, w, h, image.bands());
            return new Fitted(rounded(pixels, w, h, image.bands(), r), w, h, 4);
        } catch (VipsException e) {
            throw new LayerFailedException(pic.field(), new ImageException(ImageException.Reason.UNDECODABLE,
                    "the image of an image layer cannot be decoded", null, e));
        }
    }

    /** RGBA pixels with the corners outside radius r transparent (anti-aliased). */
    private static byte[] rounded(byte[] pixels, int w, int h, int bands, int r) {
        byte[] rgba = new byte[w * h * 4];
        for (int y = 0, s = 0, o = 0; y < h; y++) {
            for (int x = 0; x < w; x++, s += bands, o += 4) {
                System.arraycopy(pixels, s, rgba, o, 3);
                int a = bands == 4 ? pixels[s + 3] & 0xff : 255;
                rgba[o + 3] = (byte) ((a * Canvas.coverage(x, y, w, h, r) + 127) / 255);
            }
        }
        return rgba;
    }

    /** sRGB, 8-bit, 3 bands or 4 (with alpha). */
    private static VipsImage srgb(Disposer d, VipsImage image) {
        VipsImage srgb = d.add(Vips.operation("colourspace").set("in", image).set("space", "srgb").image());
        VipsImage bytes = d.add(Vips.operation("cast").set("in", srgb).set("format", "uchar").image());
        if (bytes.bands() <= 4) return bytes; // colourspace to srgb gives 3 bands, or 4 with alpha
        return d.add(Vips.operation("extract_band").set("in", bytes).set("band", 0).set("n", 4).image());
    }
}
