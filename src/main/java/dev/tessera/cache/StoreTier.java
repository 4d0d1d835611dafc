package dev.tessera.cache;

import dev.tessera.image.Rendition;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tessera.cache.RenditionCodec.CorruptRenditionException;
import dev.tessera.storage.BlobMeta;
import dev.tessera.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renditions as objects of a {@link BlobStore}, each in {@link RenditionCodec}'s form under its
 * {@link CacheKey#storeKey()}; a tier that holds nothing when there is no store. An object that fails its
 * checksum is a miss: counted, logged and deleted; so renditions, which can be rendered again, are written
 * {@linkplain BlobStore#putRefetchable without an fsync} (one that a crash cut short fails its checksum). When bounded, it keeps a running size (one listing at
 * start, then every write and delete) and recent last-use times, and {@link #sweep} lists the store only
 * when over the bound, to delete the least recently used.
 */
final class StoreTier {
    private static final Logger LOG = LoggerFactory.getLogger(StoreTier.class);
    /** A sweep over the bound deletes down to this share of it, so that it does not run again at once. */
    private static final double SWEEP_TARGET = 0.9;
    /** Last-use times kept; an object without one ages from its lastModified. */
    private static final int LAST_USED_ENTRIES = 100_000;

    private final BlobStore store; // null when disabled
    private final long maxBytes; // 0: unbounded
    private final Clock clock;
    private final Runnable onCorrupt;
    /** By rendition, not by store key: a memory hit then builds no key string (it touches on every hit). */
    private final Cache<CacheKey, Instant> lastUsed = Caffeine.newBuilder().maximumSize(LAST_USED_ENTRIES).build();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder corrupt = new LongAdder();
    private final AtomicLong bytes = new AtomicLong();
    /** Writes and deletes share it; the start's count holds it alone, so it counts each object once. */
    private final ReadWriteLock sizeLock = new ReentrantReadWriteLock();
    private boolean counted; // guarded by this

    StoreTier(BlobStore store, long maxBytes, Clock clock, Runnable onCorrupt) {
        this.store = store;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.onCorrupt = onCorrupt;
    }

    boolean bounded() {
        return store != null && maxBytes > 0;
    }

    /** The rendition, or empty when absent or corrupt (then deleted, so that a fresh render replaces it). */
    Optional<Rendition> read(CacheKey key) throws IOException {
        if (store == null) return Optional.empty();
        Optional<InputStream> object = store.get(key.storeKey());
        if (object.isEmpty()) return Optional.empty();
        try (InputStream in = object.get()) {
            Rendition rendition = RenditionCodec.decode(in);
            touch(key);
            return Optional.of(rendition);
        } catch (CorruptRenditionException e) {
            corrupt.increment();
            onCorrupt.run();
            LOG.warn("stored rendition {} is corrupt ({}); deleting it and rendering again", key.storeKey(), e.getMessage());
            delete(key);
            return Optional.empty();
        }
    }

    void write(CacheKey key, Rendition rendition) throws IOException {
        if (store == null) return;
        sizeLock.readLock().lock();
        try {
            store.putRefetchable(key.storeKey(), RenditionCodec.encode(rendition)); // derived: no fsync to wait for
            if (bounded()) bytes.addAndGet(RenditionCodec.encodedSize(rendition)); // an overwrite counts twice until restart
        } finally {
            sizeLock.readLock().unlock();
        }
        touch(key);
    }

    void delete(CacheKey key) throws IOException {
        if (store != null) deleteObject(key.storeKey());
    }

    /**
     * Records a use of the rendition (a hit in any tier), when a sweep will need it; to the second, so that a hot
     * rendition's memory hits mostly only read its time (a write costs a memory hit more than the rest of it).
     */
    void touch(CacheKey key) {
        if (!bounded()) return;
        long now = clock.millis();
        Instant last = lastUsed.getIfPresent(key);
        if (last == null || now - last.toEpochMilli() >= 1000) lastUsed.put(key, Instant.ofEpochMilli(now));
    }

    /** Deletes the image's renditions: a listing of its own folder only. */
    void purge(String imageId) throws IOException {
        if (store == null) return;
        for (String storeKey : store.list(CacheKey.storePrefix(imageId))) deleteObject(storeKey);
    }

    /** Sums the sizes of the stored renditions once, at start; later calls do nothing. */
    synchronized void count() throws IOException {
        if (!bounded() || counted) return;
        sizeLock.writeLock().lock();
        try {
            long total = 0;
            for (String storeKey : store.list(CacheKey.STORE_ROOT)) {
                total += store.head(storeKey).map(BlobMeta::size).orElse(0L);
            }
            bytes.set(total); // the writes and deletes so far are in the listing
            counted = true;
        } finally {
            sizeLock.writeLock().unlock();
        }
    }

    /**
     * When over the bound, deletes the least recently used down to 90 % of it. The listing it then takes
     * keeps only the oldest objects that together free enough, in a heap ordered newest first.
     */
    synchronized void sweep() throws IOException {
        count();
        if (!bounded() || bytes.get() <= maxBytes) return;
        long excess = bytes.get() - (long) (maxBytes * SWEEP_TARGET);
        record Candidate(String key, long size, Instant used) {}
        PriorityQueue<Candidate> oldest = new PriorityQueue<>(Comparator.comparing(Candidate::used).reversed());
        long held = 0;
        for (String storeKey : store.list(CacheKey.STORE_ROOT)) {
            Optional<BlobMeta> meta = store.head(storeKey);
            if (meta.isEmpty()) continue; // deleted since the listing
            Instant used = CacheKey.ofStoreKey(storeKey).map(lastUsed::getIfPresent).orElse(meta.get().lastModified());
            oldest.add(new Candidate(storeKey, meta.get().size(), used));
            held += meta.get().size();
            while (held - oldest.peek().size() >= excess) held -= oldest.poll().size();
        }
        for (Candidate c : oldest) {
            if (deleteObject(c.key())) evictions.increment();
        }
    }

    long evictions() {
        return evictions.sum();
    }

    long corruptReads() {
        return corrupt.sum();
    }

    /** The running size of a bounded store; 0 when unbounded. */
    long bytes() {
        return bytes.get();
    }

    private boolean deleteObject(String storeKey) throws IOException {
        sizeLock.readLock().lock();
        try {
            long size = bounded() ? store.head(storeKey).map(BlobMeta::size).orElse(0L) : 0;
            boolean deleted = store.delete(storeKey);
            if (deleted) bytes.addAndGet(-size);
            CacheKey.ofStoreKey(storeKey).ifPresent(lastUsed::invalidate);
            return deleted;
        } finally {
            sizeLock.readLock().unlock();
        }
    }
}
