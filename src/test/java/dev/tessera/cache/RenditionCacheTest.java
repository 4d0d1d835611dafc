package dev.tessera.cache;

import static dev.tessera.cache.Renditions.IMAGE;
import static dev.tessera.cache.Renditions.OTHER_IMAGE;
import static dev.tessera.cache.Renditions.counting;
import static dev.tessera.cache.Renditions.rendition;
import static dev.tessera.cache.Renditions.unexpected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenditionCacheTest {

    @TempDir Path root;
    BlobStore store;
    RenditionCache cache;
    final AtomicInteger renders = new AtomicInteger();

    @BeforeEach
    void open() throws IOException {
        store = BlobStores.filesystem(root.resolve("store"));
        cache = RenditionCaches.builder().store(store).build();
    }

    @AfterEach
    void close() throws IOException {
        cache.close();
        store.close();
    }

    @Test
    void missThenMemoryHit() throws Exception {
        CacheResult first = cache.get(IMAGE, "k1", counting(renders, 100));
        CacheResult second = cache.get(IMAGE, "k1", unexpected());

        assertThat(first.tier()).isEqualTo(CacheTier.MISS);
        assertThat(second.tier()).isEqualTo(CacheTier.MEMORY);
        assertThat(second.rendition().body()).hasSize(100);
        assertThat(second.rendition().contentType()).isEqualTo("image/webp");
        assertThat(renders).hasValue(1);
        assertThat(first.tier().header()).isEqualTo("miss");
        assertThat(second.tier().header()).isEqualTo("hit-memory");
    }

    @Test
    void withoutMemoryTheStoreServes() throws Exception {
        try (RenditionCache storeOnly = RenditionCaches.builder().memoryBytes(0).store(store).build()) {
            storeOnly.get(IMAGE, "k1", counting(renders, 100));
            CacheResult hit = storeOnly.get(IMAGE, "k1", unexpected());

            assertThat(hit.tier()).isEqualTo(CacheTier.STORE);
            assertThat(hit.rendition()).satisfies(r -> {
                assertThat(r.body()).isEqualTo(rendition(100).body());
                assertThat(r.contentType()).isEqualTo("image/webp");
                assertThat(r.width()).isEqualTo(40);
                assertThat(r.height()).isEqualTo(30);
            });
        }
    }

    @Test
    void aNewInstanceFindsTheStoreAndPromotesIntoMemory() throws Exception {
        cache.get(IMAGE, "k1", counting(renders, 100));
        cache.close();
        cache = RenditionCaches.builder().store(store).build();

        assertThat(cache.get(IMAGE, "k1", unexpected()).tier()).isEqualTo(CacheTier.STORE);
        assertThat(cache.get(IMAGE, "k1", unexpected()).tier()).isEqualTo(CacheTier.MEMORY);
        assertThat(renders).hasValue(1);
    }

    @Test
    void renditionsAreStoredInTheirImagesFolder() throws Exception {
        cache.get(IMAGE, "0123abcd", counting(renders, 100));

        assertThat(store.list("renditions/"))
                .containsExactly("renditions/a1/b2/" + IMAGE + "/0123abcd");
    }

    @Test
    void purgeRemovesOnlyThatImageFromBothTiers() throws Exception {
        String longerId = IMAGE + "9"; // IMAGE's folder name is a prefix of its folder name
        for (String image : new String[] {IMAGE, OTHER_IMAGE, longerId}) {
            cache.get(image, "k1", counting(renders, 100));
            cache.get(image, "k2", counting(renders, 100));
        }

        cache.purge(IMAGE);

        assertThat(cache.get(IMAGE, "k1", counting(renders, 100)).tier()).isEqualTo(CacheTier.MISS);
        assertThat(cache.get(IMAGE, "k2", counting(renders, 100)).tier()).isEqualTo(CacheTier.MISS);
        assertThat(cache.get(OTHER_IMAGE, "k2", unexpected()).tier()).isEqualTo(CacheTier.MEMORY);
        assertThat(cache.get(longerId, "k2", unexpected()).tier()).isEqualTo(CacheTier.MEMORY);
        assertThat(store.list("renditions/")).hasSize(6);
    }

    @Test
    void memoryStaysWithinItsBound() throws Exception {
        long bound = 100_000;
        try (RenditionCache small = RenditionCaches.builder().memoryBytes(bound).build()) {
            for (int i = 0; i < 50; i++) {
                small.get(IMAGE, "k" + i, counting(renders, 10_000));
            }
            ((TieredRenditionCache) small).cleanUp();

            CacheStats stats = small.stats();
            assertThat(stats.memoryBytes()).isPositive().isLessThanOrEqualTo(bound);
            assertThat(stats.memoryEvictions()).isGreaterThanOrEqualTo(50 - bound / 10_000);
        }
    }

    @Test
    void aFailedStoreWriteDoesNotFailTheRequest() throws Exception {
        deleteTree(root.resolve("store")); // the store never recreates its root, so every put fails

        CacheResult result = cache.get(IMAGE, "k1", counting(renders, 100));

        assertThat(result.tier()).isEqualTo(CacheTier.MISS);
        assertThat(result.rendition().body()).hasSize(100);
        assertThat(cache.get(IMAGE, "k1", unexpected()).tier()).isEqualTo(CacheTier.MEMORY);
    }

    @Test
    void anUnreadableStoredObjectIsRenderedAgain() throws Exception {
        String storeKey = "renditions/a1/b2/" + IMAGE + "/k1";
        store.put(storeKey, new ByteArrayInputStream(new byte[] {1, 2, 3}));

        assertThat(cache.get(IMAGE, "k1", counting(renders, 100)).tier()).isEqualTo(CacheTier.MISS);
        try (RenditionCache storeOnly = RenditionCaches.builder().memoryBytes(0).store(store).build()) {
            assertThat(storeOnly.get(IMAGE, "k1", unexpected()).tier()).isEqualTo(CacheTier.STORE);
        }
    }

    @Test
    void statsCountEachTier() throws Exception {
        cache.get(IMAGE, "k1", counting(renders, 100));
        cache.get(IMAGE, "k1", unexpected());
        cache.get(IMAGE, "k1", unexpected());
        cache.get(IMAGE, "k2", counting(renders, 50));
        ((TieredRenditionCache) cache).cleanUp();

        CacheStats stats = cache.stats();
        assertThat(stats.misses()).isEqualTo(2);
        assertThat(stats.memoryHits()).isEqualTo(2);
        assertThat(stats.storeHits()).isZero();
        assertThat(stats.collapsedWaits()).isZero();
        assertThat(stats.memoryBytes()).isEqualTo(150 + 2 * MemoryTier.ENTRY_OVERHEAD);
        assertThat(stats.storeBytes()).isZero(); // unbounded: never swept

        try (RenditionCache restarted = RenditionCaches.builder().store(store).build()) {
            restarted.get(IMAGE, "k1", unexpected());
            assertThat(restarted.stats().storeHits()).isEqualTo(1);
            assertThat(restarted.stats().misses()).isZero();
        }
    }

    @Test
    void rejectsIdsAndKeysThatAreNotKeySegments() {
        for (String id : new String[] {"abc", "ABCD1234", "ab/cd1234", "ab-d1234", "", null}) {
            assertThatIllegalArgumentException().isThrownBy(() -> cache.get(id, "k1", unexpected()));
        }
        for (String key : new String[] {"K1", "../k1", "k/1", ".k1", "", "k".repeat(500), null}) {
            assertThatIllegalArgumentException().isThrownBy(() -> cache.get(IMAGE, key, unexpected()));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> cache.purge("../.."));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
