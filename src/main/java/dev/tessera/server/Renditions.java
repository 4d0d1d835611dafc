package dev.tessera.server;

import dev.tessera.cache.CacheEvents;
import dev.tessera.cache.CacheResult;
import dev.tessera.cache.CachedRendition;
import dev.tessera.cache.RenditionCache;
import dev.tessera.cache.RenditionKey;
import dev.tessera.options.ImageFormat;
import dev.tessera.metrics.Metrics;
import dev.tessera.options.RenderOptions;
import dev.tessera.processing.ImageException;
import dev.tessera.processing.ImageHeader;
import dev.tessera.processing.MemoryEstimate;
import dev.tessera.processing.RenderPool;
import dev.tessera.processing.Renderer;
import dev.tessera.processing.Rendition;
import dev.tessera.processing.SourceImage;
import dev.tessera.processing.StageTimings;
import dev.tessera.source.ImageInfo;
import dev.tessera.source.Originals;

/**
 * Renditions of stored originals, rendered at most once per key: cache, then the tenant's turn in the pool.
 * Made from the original, or from its {@link Mezzanine} when the options and the original's header say so,
 * so that a key's bytes (and strong ETag) are the same on every node.
 */
final class Renditions {
    private final Originals originals;
    private final RenditionCache cache;
    private final RenderPool pool;
    private final Renderer renderer;
    private final Metrics metrics;

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
            renderer.check(info.header(), resolved, output); // a refusal takes no render thread
            // the original is read on the render thread, so queued renders hold no image bytes
            Rendition r = pool.run(info.tenant(), MemoryEstimate.render(info.header(), resolved),
                    () -> render(info, resolved, timings));
            renderNanos[0] = System.nanoTime() - t;
            return new CachedRendition(r.body(), output.mimeType(), r.width(), r.height());
        });
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

    private Rendition render(ImageInfo info, RenderOptions resolved, StageTimings timings) throws Exception {
        var plan = Mezzanine.plan(info.header(), resolved);
        if (plan.isPresent()) {
            long m = System.nanoTime();
            CachedRendition mezzanine = mezzanine(info, plan.get().mezzanine());
            timings.record("mezzanine", System.nanoTime() - m);
            return renderer.render(new SourceImage(mezzanine.body(), plan.get().mezzanineHeader()),
                    plan.get().rendition(), resolved.format(), timings);
        }
        long f = System.nanoTime();
        SourceImage source = originals.source(info).orElseThrow(() -> ApiError.notFound(info.id()));
        timings.record("fetch", System.nanoTime() - f);
        return renderer.render(source, resolved, resolved.format(), timings);
    }

    /** The mezzanine from the cache, else rendered here (on this render thread) once per key. */
    private CachedRendition mezzanine(ImageInfo info, RenderOptions options) throws Exception {
        return cache.get(info.id(), key(info, options), () -> {
            SourceImage source = originals.source(info).orElseThrow(() -> ApiError.notFound(info.id()));
            Rendition r = renderer.render(source, options, options.format(), new StageTimings());
            return new CachedRendition(r.body(), options.format().mimeType(), r.width(), r.height());
        }).rendition();
    }

    void purge(String id) throws java.io.IOException {
        cache.purge(id);
    }

    /** A render failure that a replay would repeat (a limit, a timeout, an undecodable image), so it is remembered. */
    static boolean deterministic(Exception e) {
        return e instanceof ImageException;
    }

    /** The cache's events as metrics: tessera_cache_lookups_total{tier="store",result="corrupt"} and {tier="failed",result="hit"}. */
    static CacheEvents events(Metrics metrics) {
        return new CacheEvents() {
            @Override
            public void corruptStoredRendition() {
                metrics.cacheLookup("store", "corrupt");
            }

            @Override
            public void negativeHit() {
                metrics.cacheLookup("failed", "hit");
            }
        };
    }
}
