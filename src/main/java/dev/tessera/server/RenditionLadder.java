package dev.tessera.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tessera.options.Fit;
import dev.tessera.options.Flip;
import dev.tessera.options.ImageFormat;
import dev.tessera.options.RenderOptions;
import dev.tessera.processing.ImageHeader;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rendition ladder: a small plain resize of an expensive original (not JPEG, progressive, or
 * over 16 MP) is derived from a cached larger plain resize of it, at least twice the target in both
 * dimensions, instead of decoding the original again. Remembers this node's plain resizes per image.
 */
final class RenditionLadder {
    private static final long LARGE_PIXELS = 16_000_000L;
    private static final int MIN_QUALITY = 80;

    /** A cached plain resize that may serve as a source. */
    record Rung(String key, int width, int height, ImageFormat format) {}

    private final Cache<String, List<Rung>> rungs = Caffeine.newBuilder().maximumSize(100_000).build();

    /** True for a resize with nothing else: no crop, turn, flip, filter or box, one frame. */
    static boolean plainResize(RenderOptions o, ImageHeader source) {
        boolean box = o.width() != null && o.height() != null && o.fit() != Fit.INSIDE;
        return !box && o.crop() == null && o.rotate() == 0 && o.flip() == Flip.NONE && o.blur() == null
                && o.sharpen() == null && source.pages() == 1;
    }

    static boolean expensive(ImageHeader source) {
        return source.format() != ImageFormat.JPEG || source.progressive() || source.pixels() > LARGE_PIXELS;
    }

    /** Notes a plain resize that now sits in the cache, if it is good enough to derive from. */
    void remember(String imageId, String key, RenderOptions resolved, ImageHeader source, int width, int height) {
        if (!plainResize(resolved, source) || !goodSource(resolved)) return;
        List<Rung> list = rungs.get(imageId, id -> new CopyOnWriteArrayList<>());
        Rung rung = new Rung(key, width, height, resolved.format());
        if (list.stream().noneMatch(r -> r.key().equals(key))) list.add(rung);
    }

    /** The smallest remembered rung at least twice {@code width x height}, for an expensive original. */
    Optional<Rung> find(String imageId, RenderOptions resolved, ImageHeader source, int width, int height) {
        if (!expensive(source) || !plainResize(resolved, source)) return Optional.empty();
        List<Rung> list = rungs.getIfPresent(imageId);
        if (list == null) return Optional.empty();
        return list.stream().filter(r -> r.width() >= 2 * width && r.height() >= 2 * height)
                .filter(r -> !source.hasAlpha() || r.format() != ImageFormat.JPEG) // JPEG rungs lost their alpha
                .min((a, b) -> Long.compare((long) a.width() * a.height(), (long) b.width() * b.height()));
    }

    void forget(String imageId) {
        rungs.invalidate(imageId);
    }

    /** Lossless, or lossy at a quality that keeps a derived rendition close to a direct one. */
    private static boolean goodSource(RenderOptions o) {
        return switch (o.format()) {
            case PNG -> true;
            case JPEG, WEBP -> o.quality() == null || o.quality() >= MIN_QUALITY;
            default -> false;
        };
    }

    /** The options that turn a rung into the requested rendition: exactly the planned size, nothing else. */
    static RenderOptions fromRung(RenderOptions resolved, int width, int height) {
        return new RenderOptions(width, height, Fit.FILL, resolved.gravity(), true, null, 0, Flip.NONE, null, null,
                resolved.background(), resolved.format(), false, resolved.quality(), resolved.animated());
    }
}
