package dev.tessera.cache;

import static dev.tessera.cache.Renditions.IMAGE;
import static dev.tessera.cache.Renditions.OTHER_IMAGE;
import static dev.tessera.cache.Renditions.counting;
import static dev.tessera.cache.Renditions.unexpected;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' caches on one store: what one renders the other finds in the store, and a purge on one reaches the
 * other's memory once its purge check interval has passed (its staleness bound), not later; a non-blocking lookup
 * late in the interval re-reads the marker ahead of time, renewing the note or ending it.
 */
class CrossNodePurgeTest {
    private static final Duration CHECK = Duration.ofSeconds(2);

    @TempDir Path root;
    final AtomicLong nanos = new AtomicLong(1);
    final Ticker ticker = nanos::get;
    final AtomicInteger renders = new AtomicInteger();
    BlobStore store;
    RenditionCache nodeA;
    RenditionCache nodeB;

    @BeforeEach
    void open() throws Exception {
        store = BlobStores.filesystem(root);
        nodeA = RenditionCaches.builder().store(store).purgeCheck(CHECK, ticker).build();
        nodeB = RenditionCaches.builder().store(store).purgeCheck(CHECK, ticker).build();
    }

    @AfterEach
    void close() throws Exception {
        nodeA.close();
        nodeB.close();
        store.close();
    }

    @Test
    void aPurgeOnOneNodeReachesTheOthersMemoryWithinTheCheckInterval() throws Exception {
        assertThat(nodeA.get(IMAGE, "k1", counting(renders, 100)).tier()).isEqualTo(CacheTier.MISS);
        assertThat(nodeB.get(IMAGE, "k1", unexpected()).tier()).isEqualTo(CacheTier.STORE);
        assertThat(nodeB.get(IMAGE, "k1", unexpected()).tier()).isEqualTo(CacheTier.MEMORY);
        nodeB.get(OTHER_IMAGE, "k1", counting(renders, 100));

        nodeA.purge(IMAGE);
        advance(CHECK.minusMillis(1));
        assertThat(nodeB.get(IMAGE, "k1", unexpected()).tier()).isEqualTo(CacheTier.MEMORY); // within the bound

        advance(Duration.ofMillis(1));
        assertThat(nodeB.get(IMAGE, "k1", counting(renders, 100)).tier()).isEqualTo(CacheTier.MISS);
        assertThat(nodeB.get(OTHER_IMAGE, "k1", unexpected()).tier()).isEqualTo(CacheTier.MEMORY);
        assertThat(renders).hasValue(3);
    }

    @Test
    void withoutAPurgeMemoryHitsStayHitsPastTheInterval() throws Exception {
        nodeA.get(IMAGE, "k1", counting(renders, 100));
        nodeB.get(IMAGE, "k1", unexpected());
        for (int i = 0; i < 3; i++) {
            advance(CHECK);
            assertThat(nodeB.get(IMAGE, "k1", unexpected()).tier()).isEqualTo(CacheTier.MEMORY);
        }
    }

    @Test
    void aNodeThatPurgedServesItsOwnNewRenderFromMemory() throws Exception {
        nodeA.get(IMAGE, "k1", counting(renders, 100));
        nodeA.purge(IMAGE);
        nodeA.get(IMAGE, "k1", counting(renders, 100));
        advance(CHECK);
        assertThat(nodeA.get(IMAGE, "k1", unexpected()).tier()).isEqualTo(CacheTier.MEMORY);
    }

    @Test
    void theNonBlockingLookupLeavesADueMarkerReadToTheFullLookup() throws Exception {
        nodeA.get(IMAGE, "k1", counting(renders, 100));
        nodeB.get(IMAGE, "k1", unexpected());
        assertThat(nodeB.getIfInMemory(IMAGE, "k1").tier()).isEqualTo(CacheTier.MEMORY);
        advance(CHECK);
        assertThat(nodeB.getIfInMemory(IMAGE, "k1")).isNull(); // the marker is due a store read: not here
        assertThat(nodeB.get(IMAGE, "k1", unexpected()).tier()).isEqualTo(CacheTier.MEMORY);
        assertThat(nodeB.getIfInMemory(IMAGE, "k1").tier()).isEqualTo(CacheTier.MEMORY);
    }

    @Test
    void aLookupLateInTheIntervalRenewsTheNoteAheadOfTime() throws Exception {
        nodeA.get(IMAGE, "k1", counting(renders, 100));
        nodeB.get(IMAGE, "k1", unexpected());
        advance(CHECK.multipliedBy(3).dividedBy(4));
        assertThat(nodeB.getIfInMemory(IMAGE, "k1").tier()).isEqualTo(CacheTier.MEMORY); // and a re-read starts
        // once the background read is done, the note counts from it: still a hit where the old note was due
        assertThat(eventually(() -> {
            long at = nanos.get();
            advance(CHECK.dividedBy(2));
            boolean hit = nodeB.getIfInMemory(IMAGE, "k1") != null;
            nanos.set(at);
            return hit;
        })).isTrue();
    }

    @Test
    void aPurgeSeenByTheReReadAheadOfTimeEndsTheHitsAtOnce() throws Exception {
        nodeA.get(IMAGE, "k1", counting(renders, 100));
        nodeB.get(IMAGE, "k1", unexpected());
        nodeA.purge(IMAGE);
        advance(CHECK.multipliedBy(3).dividedBy(4));
        assertThat(nodeB.getIfInMemory(IMAGE, "k1").tier()).isEqualTo(CacheTier.MEMORY); // within the bound
        assertThat(eventually(() -> nodeB.getIfInMemory(IMAGE, "k1") == null)).isTrue();
        assertThat(nodeB.get(IMAGE, "k1", counting(renders, 100)).tier()).isEqualTo(CacheTier.MISS);
        assertThat(renders).hasValue(2);
    }

    /** Whether {@code condition} holds within 2 s (the background re-read runs on a thread of its own). */
    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(10);
        }
        return false;
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }
}
