package dev.tessera.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges across nodes that share a store: a purge writes a new marker object for the image
 * ({@code generations/<id[0:2]>/<id[2:4]>/<id>}) after it removed the renditions, and each node notes the marker
 * it saw before it cached an image's renditions in memory. A memory hit re-reads the marker when its note is
 * older than the check interval; a changed marker means another node purged, and this node's copies go. So a
 * purge reaches every node's memory within the check interval (plus one store read).
 * <p>An image hit through the non-blocking lookup ({@link #noted}) late in its interval has its marker re-read in
 * the background, so that a hot image's note is renewed before it is due and its hits never leave the fast path
 * for the read (every 2 s they did, in bursts, bench/RESULTS.md). The bound holds: a renewed note counts from the
 * read's start, and a changed marker ends the note at once.
 */
final class Generations {
    private static final Logger LOG = LoggerFactory.getLogger(Generations.class);
    private static final String ROOT = "generations/";
    private static final String NONE = "";

    private record Seen(String marker, long checkedAt) {}

    private final BlobStore store; // null: one node, nothing to check
    private final long intervalNanos;
    /** From this age on, a note is renewed ahead of time by {@link #noted}: the last quarter of the interval. */
    private final long renewNanos;
    private final Ticker ticker;
    private final Cache<String, Seen> seen = Caffeine.newBuilder().maximumSize(200_000).build();
    /** Images whose marker is being re-read ahead of time: one read per image at a time. */
    private final Set<String> renewing = ConcurrentHashMap.newKeySet();
    private final ThreadFactory renewals = Thread.ofVirtual().name("purge-marker-", 0).factory();

    Generations(BlobStore store, Duration interval, Ticker ticker) {
        this.store = store;
        this.intervalNanos = interval.toNanos();
        this.renewNanos = intervalNanos - intervalNanos / 4;
        this.ticker = ticker;
    }

    /** Notes the image's marker before its renditions are loaded into memory (a store read at most per interval). */
    void observe(String imageId) {
        if (store == null) return;
        Seen s = seen.getIfPresent(imageId);
        if (s == null || stale(s)) seen.put(imageId, new Seen(read(imageId, s), ticker.read()));
    }

    /**
     * False when memory may hold the image's renditions from before another node's purge: the marker changed
     * since it was noted, or it was never noted (its note evicted). The caller then drops them from memory.
     */
    boolean current(String imageId) {
        if (store == null) return true;
        Seen s = seen.getIfPresent(imageId);
        if (s != null && !stale(s)) return true;
        String now = read(imageId, s);
        seen.put(imageId, new Seen(now, ticker.read()));
        return s != null && s.marker().equals(now);
    }

    /**
     * True when a memory hit needs no store read now: the image's marker was read within the interval. Never
     * blocks: late in the interval it starts a background re-read of the marker (see the class comment).
     */
    boolean noted(String imageId) {
        if (store == null) return true;
        Seen s = seen.getIfPresent(imageId);
        if (s == null) return false;
        long age = ticker.read() - s.checkedAt();
        if (age >= intervalNanos) return false;
        if (age >= renewNanos && renewing.add(imageId)) renewals.newThread(() -> renew(imageId, s)).start();
        return true;
    }

    /**
     * Re-reads the marker noted as {@code s}: the same marker renews the note from the read's start; another one
     * ends it, so the next lookup re-reads it in full and drops the image's copies. A note replaced meanwhile (a
     * purge on this node, a full lookup) is left as it is.
     */
    private void renew(String imageId, Seen s) {
        try {
            long at = ticker.read();
            String now = read(imageId, s);
            if (now.equals(s.marker())) {
                seen.asMap().replace(imageId, s, new Seen(now, at));
            } else {
                seen.asMap().remove(imageId, s);
            }
        } finally {
            renewing.remove(imageId);
        }
    }

    /** Writes a new marker: every other node drops its copies at its next check. */
    void bump(String imageId) throws IOException {
        if (store == null) return;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String marker = new UUID(r.nextLong(), r.nextLong()).toString();
        store.put(key(imageId), new ByteArrayInputStream(marker.getBytes(StandardCharsets.US_ASCII)));
        seen.put(imageId, new Seen(marker, ticker.read()));
    }

    private boolean stale(Seen s) {
        return ticker.read() - s.checkedAt() >= intervalNanos;
    }

    /** The marker, NONE when there is none; when the store fails, the last one seen (serving beats failing). */
    private String read(String imageId, Seen last) {
        try {
            Optional<byte[]> marker = store.getBytes(key(imageId));
            return marker.map(b -> new String(b, StandardCharsets.US_ASCII)).orElse(NONE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the purge marker of {}: {}", imageId, e.toString());
            return last != null ? last.marker() : NONE;
        }
    }

    private static String key(String imageId) {
        return ROOT + imageId.substring(0, 2) + "/" + imageId.substring(2, 4) + "/" + imageId;
    }
}
