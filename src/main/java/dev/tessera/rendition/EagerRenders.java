package dev.tessera.rendition;

import dev.tessera.options.OptionsParser;
import dev.tessera.options.RenderOptions;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.source.BaselineCopies;
import dev.tessera.processing.StageTimings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders for new uploads in the background: the baseline copy of a progressive JPEG original, the
 * {@link Mezzanine} of an expensive original (from that copy), then the eager presets; one at a time and only while no on-demand render is waiting, so requests never queue behind them.
 * The queue is bounded: past it, eager work is dropped (the mezzanine or preset is then made on first need).
 */
public final class EagerRenders implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EagerRenders.class);
    private static final long IDLE_POLL_MILLIS = 20;

    private final RenditionService renditions;
    private final OptionsParser parser;
    private final List<String> presets;
    private final RenderPool pool;
    private final BlockingQueue<Source> queue = new ArrayBlockingQueue<>(1000);
    private final Thread worker;

    public EagerRenders(RenditionService renditions, OptionsParser parser, List<String> presets, RenderPool pool) {
        this.renditions = renditions;
        this.parser = parser;
        this.presets = List.copyOf(presets);
        this.pool = pool;
        for (String p : presets) {
            if (!parser.presetNames().contains(p)) throw new IllegalArgumentException("eager preset '" + p + "' is not defined");
        }
        this.worker = Thread.ofVirtual().name("eager-renders").start(this::work);
    }

    /** Queues a new source's background work; dropped (done on demand) when the queue is full. */
    public void enqueue(Source source) {
        boolean work = baselineCopy(source) || Mezzanine.worthIt(source.header()) || !presets.isEmpty();
        if (work && !queue.offer(source)) {
            LOG.warn("eager render queue full; {} renders on demand", source.contentId());
        }
    }

    private void work() {
        try {
            while (true) {
                Source source = queue.take();
                if (baselineCopy(source)) {
                    awaitIdlePool();
                    prepareBaselineCopy((StoredOriginal) source);
                }
                if (Mezzanine.worthIt(source.header())) {
                    awaitIdlePool();
                    mezzanine(source);
                }
                for (String preset : presets) {
                    awaitIdlePool();
                    render(source, preset);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitIdlePool() throws InterruptedException {
        while (pool.queued() > 0 || pool.active() >= pool.threads()) Thread.sleep(IDLE_POLL_MILLIS);
    }

    private static boolean baselineCopy(Source source) {
        return source instanceof StoredOriginal && BaselineCopies.worthIt(source.header());
    }

    private void prepareBaselineCopy(StoredOriginal source) {
        try {
            source.prepareBaselineCopy();
        } catch (Exception e) {
            LOG.warn("baseline copy of {} failed: {}", source.contentId(), e.getMessage());
        }
    }

    private void mezzanine(Source source) {
        try {
            renditions.prepareMezzanine(source);
        } catch (Exception e) {
            LOG.warn("mezzanine of {} failed: {}", source.contentId(), e.getMessage());
        }
    }

    private void render(Source source, String preset) {
        try {
            RenderOptions options = parser.parse(Map.of("preset", List.of(preset)));
            renditions.serve(renditions.plan(source, options, null), new StageTimings());
        } catch (Exception e) {
            LOG.warn("eager preset {} of {} failed: {}", preset, source.contentId(), e.getMessage());
        }
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
