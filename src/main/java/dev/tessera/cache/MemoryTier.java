package dev.tessera.cache;

import dev.tessera.image.Rendition;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.LongAdder;

/** Renditions in this process, in a Caffeine cache bounded by their bytes; a tier that holds nothing when the bound is 0. */
final class MemoryTier {
    /** Roughly what an entry costs besides its body: the key, the record and the cache's node. */
    static final int ENTRY_OVERHEAD = 200;

    private final Cache<CacheKey, Rendition> cache; // null when disabled
    private final LongAdder evictions = new LongAdder();

    MemoryTier(long maxBytes) {
        cache = maxBytes == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey key, Rendition rendition) -> weight(rendition))
                .evictionListener((key, rendition, cause) -> evictions.increment())
                .build();
    }

    /** The rendition, or null. */
    Rendition get(CacheKey key) {
        return cache == null ? null : cache.getIfPresent(key);
    }

    void put(CacheKey key, Rendition rendition) {
        if (cache != null) cache.put(key, rendition);
    }

    void invalidate(CacheKey key) {
        if (cache != null) cache.invalidate(key);
    }

    /** Drops the image's renditions: a scan of the keys, which is cheap at the size a memory tier has. */
    void purge(String imageId) {
        if (cache != null) cache.asMap().keySet().removeIf(key -> key.imageId().equals(imageId));
    }

    long evictions() {
        return evictions.sum();
    }

    long weightedSize() {
        return cache == null ? 0 : cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** Runs pending maintenance, evictions included, now. */
    void cleanUp() {
        if (cache != null) cache.cleanUp();
    }

    private static int weight(Rendition rendition) {
        return (int) Math.min(Integer.MAX_VALUE, (long) rendition.body().length + ENTRY_OVERHEAD);
    }
}
