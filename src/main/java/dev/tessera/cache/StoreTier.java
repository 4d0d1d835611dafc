package dev.tessera.cache;

import dev.tessera.storage.BlobMeta;
import dev.tessera.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Renditions as objects of a {@link BlobStore}, each in {@link RenditionCodec}'s form under its
 * {@link CacheKey#storeKey()}; a tier that holds nothing when there is no store. When bounded, it
 * remembers when each object was last used so that {@link #sweep} can delete the least recently used.
 */
final class StoreTier {
    /** A sweep over the bound deletes down to this share of it, so that it does not run again at once. */
    private static final double SWEEP_TARGET = 0.9;

    private final BlobStore store; // null when disabled
    private final long maxBytes; // 0: unbounded
    private final Clock clock;
    /** Last use of the objects used since start, by store key; the others count from their lastModified. */
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private final LongAdder evictions = new LongAdder();
    private volatile long bytes;

    StoreTier(BlobStore store, long maxBytes, Clock clock) {
        this.store = store;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    boolean bounded() {
        return store != null && maxBytes > 0;
    }

    Optional<CachedRendition> read(CacheKey key) throws IOException {
        if (store == null) return Optional.empty();
        Optional<InputStream> object = store.get(key.storeKey());
        if (object.isEmpty()) return Optional.empty();
        try (InputStream in = object.get()) {
            CachedRendition rendition = RenditionCodec.decode(in);
            touch(key);
            return Optional.of(rendition);
        }
    }

    void write(CacheKey key, CachedRendition rendition) throws IOException {
        if (store == null) return;
        store.put(key.storeKey(), RenditionCodec.encode(rendition));
        touch(key);
    }

    boolean contains(CacheKey key) throws IOException {
        return store != null && store.head(key.storeKey()).isPresent();
    }

    void delete(CacheKey key) throws IOException {
        if (store == null) return;
        store.delete(key.storeKey());
        lastUsed.remove(key.storeKey());
    }

    /** Records a use of the rendition (a hit in any tier), when a sweep will need it. */
    void touch(CacheKey key) {
        if (bounded()) lastUsed.put(key.storeKey(), clock.instant());
    }

    /** Deletes the image's renditions: a listing of its own folder only. */
    void purge(String imageId) throws IOException {
        if (store == null) return;
        for (String storeKey : store.list(CacheKey.storePrefix(imageId))) {
            store.delete(storeKey);
            lastUsed.remove(storeKey);
        }
    }

    /** Sums the sizes of all stored renditions and, when over the bound, deletes the least recently used. */
    synchronized void sweep() throws IOException {
        if (!bounded()) return;
        Instant started = clock.instant();
        record Candidate(String key, long size, Instant used) {}
        List<Candidate> candidates = new ArrayList<>();
        Set<String> present = new HashSet<>();
        long total = 0;
        for (String storeKey : store.list(CacheKey.STORE_ROOT)) {
            Optional<BlobMeta> meta = store.head(storeKey);
            if (meta.isEmpty()) continue; // deleted since the listing
            present.add(storeKey);
            candidates.add(new Candidate(storeKey, meta.get().size(),
                    lastUsed.getOrDefault(storeKey, meta.get().lastModified())));
            total += meta.get().size();
        }
        // forget objects deleted behind our back, but not those written since the listing
        lastUsed.entrySet().removeIf(e -> !present.contains(e.getKey()) && e.getValue().isBefore(started));
        if (total > maxBytes) {
            long target = (long) (maxBytes * SWEEP_TARGET);
            candidates.sort(Comparator.comparing(Candidate::used));
            for (Candidate c : candidates) {
                if (total <= target) break;
                if (store.delete(c.key())) evictions.increment();
                lastUsed.remove(c.key());
                total -= c.size();
            }
        }
        bytes = total;
    }

    long evictions() {
        return evictions.sum();
    }

    /** The size found by the last sweep. */
    long bytes() {
        return bytes;
    }
}
