package dev.tessera.cache;

import dev.tessera.image.Rendition;
import static dev.tessera.cache.CacheTier.COLLAPSED;
import static dev.tessera.cache.CacheTier.MEMORY;
import static dev.tessera.cache.CacheTier.MISS;
import static dev.tessera.cache.CacheTier.STORE;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RenditionCache} that {@link RenditionCaches} builds: memory, then the store, then the render,
 * with one load per key in flight on this node (single flight). The first request for a key leads the
 * flight on its own thread; the others wait for its result.
 */
final class TieredRenditionCache implements RenditionCache {
    private static final Logger LOG = LoggerFactory.getLogger(TieredRenditionCache.class);

    /** How long close() lets a running sweep finish. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final MemoryTier memory;
    private final StoreTier store;
    private final FailedRenders failures;
    private final Generations generations;
    private final CacheEvents events;
    private final LongAdder negativeHits = new LongAdder();
    /** Loads in flight by key; an entry lives until its rendition is in every tier, or its render failed. */
    private final ConcurrentMap<CacheKey, CompletableFuture<CacheResult>> inFlight = new ConcurrentHashMap<>();
    /** Counts purges, so that a load that overlapped one drops what it cached (the purge may have missed it). */
    private final AtomicLong purges = new AtomicLong();
    private final Map<CacheTier, LongAdder> served = new EnumMap<>(CacheTier.class);
    private final ScheduledExecutorService sweeper; // null when the store is unbounded

    TieredRenditionCache(MemoryTier memory, StoreTier store, FailedRenders failures, Generations generations,
            CacheEvents events, Duration sweepInterval) {
        this.memory = memory;
        this.store = store;
        this.failures = failures;
        this.generations = generations;
        this.events = events;
        for (CacheTier tier : CacheTier.values()) served.put(tier, new LongAdder());
        if (store.bounded()) {
            sweeper = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("rendition-sweeper").daemon().factory());
            sweeper.execute(this::countLogged);
            long nanos = sweepInterval.toNanos();
            sweeper.scheduleWithFixedDelay(this::sweepLogged, nanos, nanos, TimeUnit.NANOSECONDS);
        } else {
            sweeper = null;
        }
    }

    @Override
    public CacheResult get(String imageId, String key, Callable<Rendition> render) throws Exception {
        CacheKey id = new CacheKey(imageId, key);
        Objects.requireNonNull(render, "render");
        Rendition hot = fresh(id);
        if (hot != null) return memoryHit(id, hot);
        Exception failed = failures.get(id);
        if (failed != null) {
            negativeHits.increment();
            events.negativeHit();
            throw failed;
        }
        CompletableFuture<CacheResult> flight = new CompletableFuture<>();
        CompletableFuture<CacheResult> running = inFlight.putIfAbsent(id, flight);
        return running == null ? lead(id, render, flight) : follow(running);
    }

    @Override
    public CacheResult getIfInMemory(String imageId, String key) {
        CacheKey id = new CacheKey(imageId, key);
        Rendition hot = memory.get(id);
        return hot == null || !generations.noted(imageId) ? null : memoryHit(id, hot);
    }

    @Override
    public void purge(String imageId) throws IOException {
        CacheKey.checkImageId(imageId);
        purges.incrementAndGet(); // before removing: see lead()
        failures.purge(imageId);
        memory.purge(imageId);
        store.purge(imageId);
        generations.bump(imageId); // after the store: a node that sees the new marker finds no old rendition
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(count(MEMORY), count(STORE), count(COLLAPSED), count(MISS),
                memory.evictions(), store.evictions(), memory.weightedSize(), store.bytes(),
                negativeHits.sum(), store.corruptReads());
    }

    @Override
    public void close() {
        if (sweeper == null) return;
        sweeper.shutdown();
        try {
            if (!sweeper.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the rendition sweeper did not stop within {}", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a sweep of the store tier now (the sweeper's work): a listing only when over the bound. */
    void sweepNow() throws IOException {
        store.sweep();
    }

    /** Runs the memory tier's pending evictions now. */
    void cleanUp() {
        memory.cleanUp();
    }

    /**
     * Loads the rendition for the flight and completes it. A purge that ran meanwhile may have missed
     * what this load cached, so the load drops it again (purges are rare; a later request reloads it).
     */
    private CacheResult lead(CacheKey id, Callable<Rendition> render, CompletableFuture<CacheResult> flight)
            throws Exception {
        long purgesBefore = purges.get();
        try {
            CacheResult result = load(id, render, flight);
            if (purges.get() != purgesBefore) forget(id);
            return result;
        } catch (Throwable failure) {
            if (purges.get() == purgesBefore) failures.remember(id, failure); // before the flight ends
            flight.completeExceptionally(failure);
            throw failure;
        } finally {
            inFlight.remove(id, flight);
        }
    }

    /**
     * Memory again (another flight may have ended since we looked), the store, else the render. The
     * flight completes as soon as the rendition is known, so waiters do not wait for the store write.
     */
    private CacheResult load(CacheKey id, Callable<Rendition> render, CompletableFuture<CacheResult> flight)
            throws Exception {
        Rendition hot = fresh(id);
        if (hot != null) return complete(flight, memoryHit(id, hot));
        generations.observe(id.imageId()); // before the store read, so a purge after it is seen later
        Optional<Rendition> stored = readStore(id);
        if (stored.isPresent()) {
            memory.put(id, stored.get());
            return complete(flight, serve(stored.get(), STORE));
        }
        served.get(MISS).increment();
        Rendition rendered = Objects.requireNonNull(render.call(), "the render returned null");
        memory.put(id, rendered);
        CacheResult result = complete(flight, new CacheResult(rendered, MISS));
        writeStore(id, rendered);
        return result;
    }

    /** Waits for the flight another request leads; what it rendered counts as collapsed here. */
    private CacheResult follow(CompletableFuture<CacheResult> flight) throws Exception {
        CacheResult led;
        try {
            led = flight.get();
        } catch (ExecutionException e) {
            served.get(COLLAPSED).increment(); // only a render fails a flight
            throw rethrowable(e.getCause());
        }
        return serve(led.rendition(), led.tier() == MISS ? COLLAPSED : led.tier());
    }

    /** The rendition in memory, unless another node purged its image since it was cached (then all go). */
    private Rendition fresh(CacheKey id) {
        Rendition hot = memory.get(id);
        if (hot == null || generations.current(id.imageId())) return hot;
        memory.purge(id.imageId());
        return null;
    }

    private CacheResult memoryHit(CacheKey id, Rendition rendition) {
        store.touch(id); // keeps a rendition that is hot in memory from being swept from the store
        return serve(rendition, MEMORY);
    }

    private CacheResult serve(Rendition rendition, CacheTier tier) {
        served.get(tier).increment();
        return new CacheResult(rendition, tier);
    }

    private long count(CacheTier tier) {
        return served.get(tier).sum();
    }

    /** The cache is an optimisation: a store that fails is logged and rendered around. */
    private Optional<Rendition> readStore(CacheKey id) {
        try {
            return store.read(id);
        } catch (IOException | RuntimeException e) {
            warn("cannot read rendition {} from the store; rendering it", id, e);
            return Optional.empty();
        }
    }

    private void writeStore(CacheKey id, Rendition rendition) {
        try {
            store.write(id, rendition);
        } catch (IOException | RuntimeException e) {
            warn("cannot write rendition {} to the store", id, e);
        }
    }

    private void forget(CacheKey id) {
        memory.invalidate(id);
        try {
            store.delete(id);
        } catch (IOException | RuntimeException e) {
            warn("cannot delete rendition {} of a purged image from the store", id, e);
        }
    }

    private void countLogged() {
        try {
            store.count();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot size the rendition store; its sweeps will count it", e);
        }
    }

    private void sweepLogged() {
        try {
            sweepNow();
        } catch (IOException e) {
            LOG.warn("rendition store sweep failed: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.warn("rendition store sweep failed", e);
        }
    }

    /** A store's IOException in one line; anything else with its stack trace. */
    private static void warn(String message, CacheKey id, Exception e) {
        if (e instanceof IOException) {
            LOG.warn(message + ": {}", id.storeKey(), e.toString());
        } else {
            LOG.warn(message, id.storeKey(), e);
        }
    }

    private static CacheResult complete(CompletableFuture<CacheResult> flight, CacheResult result) {
        flight.complete(result);
        return result;
    }

    /** The leader's failure as it was thrown, so that every waiter sees the same exception. */
    private static Exception rethrowable(Throwable cause) {
        if (cause instanceof Error error) throw error;
        return cause instanceof Exception exception ? exception : new ExecutionException(cause);
    }
}
