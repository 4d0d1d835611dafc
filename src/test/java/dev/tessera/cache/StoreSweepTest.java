package dev.tessera.cache;

import static dev.tessera.cache.Renditions.IMAGE;
import static dev.tessera.cache.Renditions.OTHER_IMAGE;
import static dev.tessera.cache.Renditions.counting;
import static dev.tessera.cache.Renditions.unexpected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.storage.BlobMeta;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSweepTest {
    static final int BODY = 1000;
    /** The stored size of one test rendition: its header, "image/webp" and the body. */
    static final long OBJECT = RenditionCodec.FIXED_HEADER_BYTES + "image/webp".length() + BODY;

    @TempDir Path root;
    ListingCounter store;
    final TestClock clock = new TestClock(Instant.now());
    final AtomicInteger renders = new AtomicInteger();

    @BeforeEach
    void open() throws IOException {
        store = new ListingCounter(BlobStores.filesystem(root));
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @Test
    void aSweepEvictsTheLeastRecentlyUsedDownToNinetyPercent() throws Exception {
        try (RenditionCache cache = bounded(6 * OBJECT, Duration.ofHours(1))) {
            for (int i = 0; i < 10; i++) {
                cache.get(IMAGE, "k" + i, counting(renders, BODY));
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(cache.get(IMAGE, "k0", unexpected()).tier()).isEqualTo(CacheTier.MEMORY);
            assertThat(cache.get(IMAGE, "k1", unexpected()).tier()).isEqualTo(CacheTier.MEMORY);

            ((TieredRenditionCache) cache).sweepNow();

            assertThat(storedKeys()).containsExactlyInAnyOrder("k0", "k1", "k7", "k8", "k9");
            assertThat(cache.stats().storeEvictions()).isEqualTo(5);
            assertThat(cache.stats().storeBytes()).isEqualTo(5 * OBJECT);
        }
    }

    @Test
    void aMemoryHitNotesItsUseWithoutBuildingTheStoreKey() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (RenditionCache cache = bounded(100 * OBJECT, Duration.ofHours(1))) {
            cache.get(IMAGE, "w300.q80.jpg", counting(renders, BODY));
            assertThat(cache.getIfInMemory(IMAGE, "w300.q80.jpg").tier()).isEqualTo(CacheTier.MEMORY);
            for (int i = 0; i < 20_000; i++) cache.getIfInMemory(IMAGE, "w300.q80.jpg"); // code compiled
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 10; round++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 1000; i++) cache.getIfInMemory(IMAGE, "w300.q80.jpg");
                least = Math.min(least, (threads.getCurrentThreadAllocatedBytes() - before) / 1000);
            }
            // the lookup's key and result, ~50 bytes; the store key's string and its parts were ~400 more
            assertThat(least).isLessThan(160);
        }
    }

    @Test
    void afterARestartObjectsUnusedSinceAgeByTheirModificationTime() throws Exception {
        try (RenditionCache cache = bounded(0, Duration.ofHours(1))) {
            for (int i = 0; i < 6; i++) cache.get(IMAGE, "k" + i, counting(renders, BODY));
        }
        for (int i = 0; i < 6; i++) { // k0 the oldest
            Path file = root.resolve("renditions/a1/b2/" + IMAGE + "/k" + i);
            Files.setLastModifiedTime(file, FileTime.from(clock.instant().minus(Duration.ofHours(10 - i))));
        }

        try (RenditionCache restarted = bounded(4 * OBJECT, Duration.ofHours(1))) {
            assertThat(restarted.get(IMAGE, "k0", unexpected()).tier()).isEqualTo(CacheTier.STORE);
            ((TieredRenditionCache) restarted).sweepNow();
        }

        assertThat(storedKeys()).containsExactlyInAnyOrder("k0", "k4", "k5");
    }

    @Test
    void theBackgroundSweeperKeepsTheBound() throws Exception {
        try (RenditionCache unbounded = bounded(0, Duration.ofHours(1))) {
            for (int i = 0; i < 5; i++) unbounded.get(IMAGE, "k" + i, counting(renders, BODY));
        }

        try (RenditionCache cache = bounded(2 * OBJECT, Duration.ofMillis(20))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (cache.stats().storeEvictions() < 4 && System.nanoTime() < deadline) Thread.sleep(10);

            assertThat(cache.stats().storeEvictions()).isEqualTo(4);
            assertThat(cache.stats().storeBytes()).isEqualTo(OBJECT);
            assertThat(storedKeys()).hasSize(1);
        }
    }

    @Test
    void anUnboundedStoreIsNeverSwept() throws Exception {
        try (RenditionCache cache = bounded(0, Duration.ofMillis(1))) {
            for (int i = 0; i < 5; i++) cache.get(IMAGE, "k" + i, counting(renders, BODY));
            ((TieredRenditionCache) cache).sweepNow();

            assertThat(storedKeys()).hasSize(5);
            assertThat(cache.stats().storeBytes()).isZero();
        }
    }

    @Test
    void theRunningSizeFollowsWritesAndPurgesAndASweepUnderTheBoundListsNothing() throws Exception {
        try (RenditionCache cache = bounded(100 * OBJECT, Duration.ofHours(1))) {
            ((TieredRenditionCache) cache).sweepNow(); // the start's count, unless the sweeper ran it already
            for (int i = 0; i < 3; i++) cache.get(IMAGE, "k" + i, counting(renders, BODY));
            cache.get(OTHER_IMAGE, "k0", counting(renders, BODY));
            assertThat(cache.stats().storeBytes()).isEqualTo(4 * OBJECT);

            cache.purge(IMAGE);
            assertThat(cache.stats().storeBytes()).isEqualTo(OBJECT);
            for (int i = 0; i < 10; i++) {
                clock.advance(Duration.ofMinutes(1));
                ((TieredRenditionCache) cache).sweepNow();
            }

            assertThat(store.fullListings()).isEqualTo(1); // the start's count only
        }
    }

    @Test
    void aRestartCountsTheStoreOnceAndSweepsOnlyWhenOverTheBound() throws Exception {
        try (RenditionCache unbounded = bounded(0, Duration.ofHours(1))) {
            for (int i = 0; i < 5; i++) unbounded.get(IMAGE, "k" + i, counting(renders, BODY));
        }
        try (RenditionCache cache = bounded(6 * OBJECT, Duration.ofHours(1))) {
            ((TieredRenditionCache) cache).sweepNow();
            assertThat(cache.stats().storeBytes()).isEqualTo(5 * OBJECT);
            assertThat(store.fullListings()).isEqualTo(1);

            cache.get(IMAGE, "k5", counting(renders, BODY));
            cache.get(IMAGE, "k6", counting(renders, BODY));
            ((TieredRenditionCache) cache).sweepNow();

            assertThat(store.fullListings()).isEqualTo(2);
            assertThat(cache.stats().storeBytes()).isEqualTo(5 * OBJECT);
            assertThat(storedKeys()).hasSize(5);
        }
    }

    /** A cache with memory over the test store, bounded to {@code maxBytes} (0: unbounded). */
    private RenditionCache bounded(long maxBytes, Duration sweepInterval) {
        return RenditionCaches.builder()
                .store(store)
                .storeMaxBytes(maxBytes)
                .sweepInterval(sweepInterval)
                .clock(clock)
                .build();
    }

    /** The rendition keys of the stored objects. */
    private List<String> storedKeys() throws IOException {
        String prefix = "renditions/a1/b2/" + IMAGE + "/";
        return store.list(prefix).stream().map(k -> k.substring(prefix.length())).toList();
    }

    /**
     * Renditions are derived data: stored without an fsync (a crash may lose or cut one short, and a short object
     * fails its checksum: StoredChecksumTest), so a miss does not wait for the disk.
     */
    @Test
    void renditionsAreStoredRefetchable() throws Exception {
        try (RenditionCache cache = bounded(0, Duration.ofHours(1))) {
            cache.get(IMAGE, "k0", counting(renders, BODY));
        }
        assertThat(storedKeys()).containsExactly("k0");
        assertThat(store.durablePuts()).isZero();
    }

    /** The filesystem store, counting listings of the whole rendition tree and durable (fsynced) writes. */
    static final class ListingCounter implements BlobStore {
        private final BlobStore store;
        private final AtomicInteger fullListings = new AtomicInteger();
        private final AtomicInteger durablePuts = new AtomicInteger();

        ListingCounter(BlobStore store) {
            this.store = store;
        }

        int fullListings() {
            return fullListings.get();
        }

        int durablePuts() {
            return durablePuts.get();
        }

        @Override
        public void put(String key, InputStream data) throws IOException {
            durablePuts.incrementAndGet();
            store.put(key, data);
        }

        @Override
        public void putRefetchable(String key, InputStream data) throws IOException {
            store.putRefetchable(key, data);
        }

        @Override
        public Optional<InputStream> get(String key) throws IOException {
            return store.get(key);
        }

        @Override
        public Optional<BlobMeta> head(String key) throws IOException {
            return store.head(key);
        }

        @Override
        public boolean delete(String key) throws IOException {
            return store.delete(key);
        }

        @Override
        public List<String> list(String prefix) throws IOException {
            if (prefix.equals(CacheKey.STORE_ROOT)) fullListings.incrementAndGet();
            return store.list(prefix);
        }

        @Override
        public boolean isReachable() {
            return store.isReachable();
        }

        @Override
        public void close() throws IOException {
            store.close();
        }
    }
}
