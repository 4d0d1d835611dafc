package dev.tessera.server;

import dev.tessera.cache.CacheResult;
import dev.tessera.cache.CachedRendition;
import dev.tessera.cache.RenditionCache;
import dev.tessera.cache.RenditionKey;
import dev.tessera.options.ImageFormat;
import dev.tessera.metrics.Metrics;
import dev.tessera.options.RenderOptions;
import dev.tessera.processing.ImageHeader;
import dev.tessera.processing.MemoryEstimate;
import dev.tessera.processing.RenderPool;
import dev.tessera.processing.Renderer;
import dev.tessera.processing.Rendition;
import dev.tessera.processing.SourceImage;
import dev.tessera.processing.StageTimings;
import dev.tessera.source.ImageInfo;
import dev.tessera.source.Originals;

/** Renditions of stored originals, rendered at most once per key: cache, then the tenant's turn in the pool. */
final class Renditions {
    private final Originals originals;
    private final RenditionCache cache;
    private final RenderPool pool;
    private final Renderer renderer;
    private final Metrics metrics;
    private final RenditionLadder ladder = new RenditionLadder();

    Renditions(Originals originals, RenditionCache cache, RenderPool pool, Renderer renderer, Metrics metrics) {
        this.metrics = metrics;
        this.originals = originals;
        this.cache = cache;
        this.pool = pool;
        this.renderer = renderer;
    }

    static String key(ImageInfo info, RenderOptions resolved) {
        return RenditionKey.of(info.id(), resolved);
    }

    /** {@code resolved} carries its output format; stage timings of a render land in {@code timings}. */
    CacheResult get(ImageInfo info, RenderOptions resolved, String key, StageTimings timings) throws Exception {
        long start = System.nanoTime();
        long[] renderNanos = {0};
        CacheResult result = cache.get(info.id(), key, () -> {
            long t = System.nanoTime();
            ImageFormat output = resolved.format();
            // the original is read on the render thread, so queued renders hold no image bytes
            Rendition r = pool.run(info.tenant(), MemoryEstimate.render(info.header(), resolved),
                    () -> render(info, resolved, timings));
            renderNanos[0] = System.nanoTime() - t;
            return new CachedRendition(r.body(), output.mimeType(), r.width(), r.height());
        });
        CachedRendition made = result.rendition();
        ladder.remember(info.id(), key, resolved, info.header(), made.width(), made.height());
        long elapsed = System.nanoTime() - start;
        switch (result.tier()) {
            case MISS -> {
                timings.record("store", Math.max(0, elapsed - renderNanos[0]));
                metrics.stages(timings.millis());
                metrics.cacheLookup("memory", "miss");
                metrics.cacheLookup("store", "miss");
            }
            case COLLAPSED -> {
                timings.record("wait", elapsed);
                metrics.cacheLookup("collapsed", "hit");
            }
            case MEMORY -> {
                timings.record("cache", elapsed);
                metrics.cacheLookup("memory", "hit");
            }
            case STORE -> {
                timings.record("cache", elapsed);
                metrics.cacheLookup("memory", "miss");
                metrics.cacheLookup("store", "hit");
            }
        }
        return result;
    }

    /** From a cached larger rendition when the ladder has one, else from the original. */
    private Rendition render(ImageInfo info, RenderOptions resolved, StageTimings timings) throws Exception {
        long f = System.nanoTime();
        int[] size = Renderer.plannedSize(info.header(), resolved);
        var rung = ladder.find(info.id(), resolved, info.header(), size[0], size[1])
                .flatMap(r -> cache.peek(info.id(), r.key()).map(c -> new SourceImage(c.body(),
                        new ImageHeader(r.format(), c.width(), c.height(), 1,
                                info.header().hasAlpha() && r.format() != ImageFormat.JPEG, 1))));
        if (rung.isPresent()) {
            timings.record("ladder", System.nanoTime() - f);
            return renderer.render(rung.get(), RenditionLadder.fromRung(resolved, size[0], size[1]),
                    resolved.format(), timings);
        }
        SourceImage source = originals.source(info.id()).orElseThrow(() -> ApiError.notFound(info.id()));
        timings.record("fetch", System.nanoTime() - f);
        return renderer.render(source, resolved, resolved.format(), timings);
    }

    void purge(String id) throws java.io.IOException {
        ladder.forget(id);
        cache.purge(id);
    }
}
