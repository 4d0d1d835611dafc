package dev.tessera.rendition;

import dev.tessera.options.OptionsParser;
import dev.tessera.options.RenderOptions;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.source.BaselineCopies;
import dev.tessera.processing.StageTimings;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders for new uploads in the background: the {@link Mezzanine} of an expensive original and the eager presets
 * (what the next GET needs), then the baseline copy of a progressive JPEG original (only later decodes gain from
 * it); every queued upload's renders before any copy. One at a time and only while no on-demand render is waiting,
 * so requests never queue behind them; as the pool's background work, so a render of a tenant being refused is not
 * refused for them. A GET that needs a mezzanine in the making waits for it (the cache renders a key once). The
 * queue is bounded: past it, work is dropped (done on need).
 */
public final class EagerRenders implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EagerRenders.class);
    private static final long IDLE_POLL_MILLIS = 20;
    private static final int CAPACITY = 1000;

    /** The kinds of background work, in the order they run. */
    private enum Step { RENDERS, BASELINE_COPY }

    private record Job(Step step, long order, Source source) {}

    private final RenditionService renditions;
    private final OptionsParser parser;
    private final List<String> presets;
    private final RenderPool pool;
    private final PriorityBlockingQueue<Job> queue = new PriorityBlockingQueue<>(64,
            Comparator.comparing(Job::step).thenComparingLong(Job::order));
    private final AtomicLong order = new AtomicLong();
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
        if (renders(source)) offer(Step.RENDERS, source);
        else if (baselineCopy(source)) offer(Step.BASELINE_COPY, source);
    }

    private void offer(Step step, Source source) {
        if (queue.size() >= CAPACITY) {
            LOG.warn("eager render queue full; {} renders on demand", source.contentId());
        } else {
            queue.add(new Job(step, order.getAndIncrement(), source));
        }
    }

    private void work() {
        try {
            while (true) {
                Job job = queue.take();
                Source source = job.source();
                if (job.step() == Step.BASELINE_COPY) {
                    awaitIdlePool();
                    RenderPool.inBackground(() -> prepareBaselineCopy((StoredOriginal) source));
                    continue;
                }
                if (Mezzanine.worthIt(source.header())) {
                    awaitIdlePool();
                    RenderPool.inBackground(() -> mezzanine(source));
                }
                for (String preset : presets) {
                    awaitIdlePool();
                    RenderPool.inBackground(() -> render(source, preset));
                }
                if (baselineCopy(source)) offer(Step.BASELINE_COPY, source);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean renders(Source source) {
        return Mezzanine.worthIt(source.header()) || !presets.isEmpty();
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
