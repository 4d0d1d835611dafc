package dev.tessera.cache;

import dev.tessera.image.Rendition;
import static dev.tessera.cache.Renditions.IMAGE;
import static dev.tessera.cache.Renditions.counting;
import static dev.tessera.cache.Renditions.rendition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleFlightTest {
    static final int THREADS = 32;

    @TempDir Path root;
    BlobStore store;
    RenditionCache cache;
    ExecutorService pool;
    final AtomicInteger renders = new AtomicInteger();

    @BeforeEach
    void open() throws IOException {
        store = BlobStores.filesystem(root);
        cache = RenditionCaches.builder().store(store).build();
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void close() throws Exception {
        pool.shutdownNow();
        cache.close();
        store.close();
    }

    @Test
    void concurrentRequestsRenderOnce() throws Exception {
        List<Future<CacheResult>> results = requestAtOnce(THREADS, () -> {
            renders.incrementAndGet();
            Thread.sleep(200);
            return rendition(100);
        });

        List<CacheTier> tiers = new ArrayList<>();
        for (Future<CacheResult> result : results) tiers.add(result.get(10, TimeUnit.SECONDS).tier());
        assertThat(renders).hasValue(1);
        assertThat(tiers).containsOnly(CacheTier.MISS, CacheTier.COLLAPSED);
        assertThat(tiers).filteredOn(t -> t == CacheTier.MISS).hasSize(1);
        assertThat(cache.stats().collapsedWaits()).isEqualTo(THREADS - 1);
        assertThat(cache.stats().misses()).isEqualTo(1);
    }

    @Test
    void aFailedRenderFailsEveryWaiterAlikeAndCachesNothing() throws Exception {
        IllegalStateException failure = new IllegalStateException("render failed");
        List<Future<CacheResult>> results = requestAtOnce(8, () -> {
            renders.incrementAndGet();
            Thread.sleep(200);
            throw failure;
        });

        for (Future<CacheResult> result : results) {
            Throwable thrown = catchFailure(result);
            assertThat(thrown).isSameAs(failure);
        }
        assertThat(renders).hasValue(1);
        assertThat(cache.get(IMAGE, "k1", counting(renders, 100)).tier()).isEqualTo(CacheTier.MISS);
        assertThat(renders).hasValue(2);
    }

    @Test
    void aPurgeDuringARenderDropsWhatItCached() throws Exception {
        CountDownLatch rendering = new CountDownLatch(1);
        CountDownLatch purged = new CountDownLatch(1);
        Future<CacheResult> result = pool.submit(() -> cache.get(IMAGE, "k1", () -> {
            rendering.countDown();
            purged.await();
            return rendition(100);
        }));
        rendering.await();
        cache.purge(IMAGE);
        purged.countDown();

        assertThat(result.get(10, TimeUnit.SECONDS).tier()).isEqualTo(CacheTier.MISS);
        assertThat(cache.get(IMAGE, "k1", counting(renders, 100)).tier()).as("nothing kept").isEqualTo(CacheTier.MISS);
    }

    /** Starts {@code count} requests for the same rendition together. */
    private List<Future<CacheResult>> requestAtOnce(int count, Callable<Rendition> render)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CacheResult>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(pool.submit(() -> {
                ready.countDown();
                start.await();
                return cache.get(IMAGE, "k1", render);
            }));
        }
        ready.await();
        start.countDown();
        return results;
    }

    private static Throwable catchFailure(Future<CacheResult> result) throws Exception {
        try {
            result.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the request did not fail");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
