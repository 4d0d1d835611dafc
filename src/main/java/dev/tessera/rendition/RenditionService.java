package dev.tessera.rendition;

import dev.tessera.cache.CacheEvents;
import dev.tessera.cache.CacheResult;
import dev.tessera.image.Rendition;
import dev.tessera.cache.RenditionCache;
import dev.tessera.metrics.Metrics;
import dev.tessera.options.RenderOptions;
import dev.tessera.image.ImageException;
import dev.tessera.image.ImageFormat;
import dev.tessera.image.ImageHeader;
import dev.tessera.processing.HalfDecode;
import dev.tessera.processing.ImageProbe;
import dev.tessera.processing.MemoryEstimate;
import dev.tessera.processing.RenderPlan;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.processing.Renderer;
import dev.tessera.image.SourceImage;
import dev.tessera.processing.StageTimings;
import java.io.IOException;
import java.util.Optional;

/**
 * The rendition use case for every {@link Source}, in two steps: {@link #plan} resolves format, key and ETag
 * once; {@link #serve} runs cache, then the owner's turn in the pool, then the renderer, from the source or from
 * its {@link Mezzanine} when the options and the source's header say so (so a key's bytes are the same on
 * every node). A key is rendered at most once at a time.
 */
public final class RenditionService {
    /**
     * A mezzanine is made once per original, from the full original, often while other renders share the CPU:
     * its deadline is this many render deadlines, so load alone does not make (and remember) it a failure.
     */
    private static final int MEZZANINE_DEADLINES = 5;

    private final RenditionCache cache;
    private final RenderPool pool;
    private final Renderer renderer;
    private final Renderer mezzanineRenderer;
    private final Metrics metrics;

    public RenditionService(RenditionCache cache, RenderPool pool, Renderer renderer, Metrics metrics) {
        this.cache = cache;
        this.pool = pool;
        this.renderer = renderer;
        this.mezzanineRenderer = renderer.forMezzanines(MEZZANINE_DEADLINES);
        this.metrics = metrics;
    }

    /** Resolves the output format (from {@code accept} for fm=auto; may be null) and names the rendition. */
    public Plan plan(Source source, RenderOptions options, String accept) {
        RenderOptions resolved = options.withFormat(FormatNegotiation.resolve(options, source.header(), accept));
        return new Plan(source, resolved, RenditionKey.of(source.contentId(), resolved), options.output().autoFormat());
    }

    /** The rendition from the cache or rendered now; its stage timings land in {@code timings}. */
    public CacheResult serve(Plan plan, StageTimings timings) throws Exception {
        long start = System.nanoTime();
        long[] renderNanos = {0};
        CacheResult result = cache.get(plan.source().contentId(), plan.key(), () -> {
            long t = System.nanoTime();
            Rendition r = renderQueued(plan, timings);
            renderNanos[0] = System.nanoTime() - t;
            return r;
        });
        record(result, System.nanoTime() - start, renderNanos[0], timings);
        return result;
    }

    /**
     * Plans (a refusal takes no render thread), then renders in the owner's turn. A rendition made from the
     * mezzanine is planned (time limit) and admitted (memory) as a render of the mezzanine; the mezzanine, when
     * missing, first takes its own turn at the original's cost.
     */
    private Rendition renderQueued(Plan plan, StageTimings timings) throws Exception {
        Source source = plan.source();
        ImageHeader original = source.header();
        Optional<Mezzanine.Plan> ladder = Mezzanine.plan(original, plan.resolved(),
                Renderer.layout(original, plan.resolved()));
        if (ladder.isEmpty()) {
            RenderPlan target = renderer.plan(original, plan.resolved());
            long queued = System.nanoTime();
            return pool.run(source.owner(), admittedMemory(source, target), pixels(target), () -> {
                long f = System.nanoTime();
                timings.record("queue", f - queued); // the wait for a render thread
                try (SourceImage image = source.open()) {
                    timings.record("fetch", System.nanoTime() - f);
                    return renderer.render(image, target, timings);
                }
            });
        }
        ImageHeader header = Mezzanine.header(original);
        RenderPlan target = renderer.plan(header, ladder.get().rendition());
        long m = System.nanoTime();
        Rendition mezzanine = mezzanine(source);
        timings.record("mezzanine", System.nanoTime() - m);
        String name = mezzanineKey(source); // its decode may be kept for the next rendition (same pixels)
        long memory = MemoryEstimate.render(header, target) + MemoryEstimate.decodedFrame(header);
        long queued = System.nanoTime();
        return pool.run(source.owner(), memory, pixels(target), () -> {
            timings.record("queue", System.nanoTime() - queued);
            ImageHeader probed = ImageProbe.header(mezzanine.body(), mezzanine.format());
            boolean faithfulHalf = HalfDecode.marked(mezzanine.body());
            return renderer.render(new SourceImage.InMemory(mezzanine.body(), probed),
                    renderer.plan(probed, ladder.get().rendition()), timings, name, faithfulHalf);
        });
    }

    /**
     * The native memory a render of the source as {@code plan} is admitted with. A progressive original whose decode
     * would not fit the budget is decoded from its baseline copy (the same pixels, in sequence), made first when
     * missing, so whether it renders depends on the original and the rendition alone.
     */
    private long admittedMemory(Source source, RenderPlan plan) throws IOException {
        ImageHeader header = source.header();
        long memory = MemoryEstimate.render(header, plan);
        if (memory <= pool.memoryBudget() || !header.progressive()) return memory;
        long inSequence = MemoryEstimate.render(header.inSequence(), plan);
        return inSequence <= pool.memoryBudget() && source.readyInSequence() ? inSequence : memory;
    }

    /** A render's output pixels, which its time is predicted by while it runs. */
    private static long pixels(RenderPlan target) {
        return (long) target.width() * target.height();
    }

    private static String mezzanineKey(Source source) {
        return RenditionKey.mezzanine(source.contentId(), Mezzanine.options(source.header()));
    }

    private void record(CacheResult result, long elapsed, long renderNanos, StageTimings timings) {
        switch (result.tier()) {
            case MISS -> {
                timings.record("store", Math.max(0, elapsed - renderNanos));
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
    }

    /** The mezzanine from the cache, else rendered once per key in the owner's turn, at the original's cost. */
    private Rendition mezzanine(Source source) throws Exception {
        RenderOptions options = Mezzanine.options(source.header());
        RenderPlan plan = mezzanineRenderer.plan(source.header(), options);
        String key = mezzanineKey(source);
        return cache.get(source.contentId(), key, () -> pool.run(source.owner(), admittedMemory(source, plan), () -> {
                    try (SourceImage original = source.openForMezzanine()) {
                        return mezzanineRenderer.renderMezzanine(original, plan, new StageTimings(),
                                source.contentId(), key);
                    }
                })).rendition();
    }

    /**
     * Whether an upload's check should keep its decode of an original with this header for the mezzanine
     * ({@link dev.tessera.source.Originals#keepCheckedDecodes}): an upright JPEG that gets one. Upright only:
     * the renderer takes a kept decode of upright sources alone.
     */
    public static boolean mezzanineTakesCheckedDecode(ImageHeader header) {
        return Mezzanine.worthIt(header) && header.format() == ImageFormat.JPEG && header.orientation() == 1;
    }

    /**
     * Makes the source's mezzanine now (on a render thread, in the owner's turn) when it gets one and the cache
     * lacks it; false when it gets none. For work in the background: the same bytes as made on first need.
     */
    public boolean prepareMezzanine(Source source) throws Exception {
        if (!Mezzanine.worthIt(source.header())) return false;
        mezzanine(source);
        return true;
    }

    /** The rendition a plan named earlier, when this node's memory still holds it (a memory hit), else null; never blocks. */
    public CacheResult fromMemory(String contentId, String key) {
        return cache.getIfInMemory(contentId, key);
    }

    /** Drops every cached rendition of the content. */
    public void purge(String contentId) throws IOException {
        cache.purge(contentId);
    }

    /** A render failure that a replay would repeat (a limit, a timeout, an undecodable image), so it is remembered. */
    public static boolean deterministic(Exception e) {
        return e instanceof ImageException;
    }

    /** The cache's events as metrics: tessera_cache_lookups_total{tier="store",result="corrupt"} and {tier="failed",result="hit"}. */
    public static CacheEvents events(Metrics metrics) {
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
