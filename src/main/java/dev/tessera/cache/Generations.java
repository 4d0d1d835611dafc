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
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges across nodes that share a store: a purge writes a new marker object for the image
 * ({@code generations/<id[0:2]>/<id[2:4]>/<id>}) after it removed the renditions, and each node notes the marker
 * it saw before it cached an image's renditions in memory. A memory hit re-reads the marker when its note is
 * older than the check interval; a changed marker means another node purged, and this node's copies go. So a
 * purge reaches every node's memory within the check interval (plus one store read).
 */
final class Generations {
    private static final Logger LOG = LoggerFactory.getLogger(Generations.class);
    private static final String ROOT = "generations/";
    private static final String NONE = "";

    private record Seen(String marker, long checkedAt) {}

    private final BlobStore store; // null: one node, nothing to check
    private final long intervalNanos;
    private final Ticker ticker;
    private final Cache<String, Seen> seen = Caffeine.newBuilder().maximumSize(200_000).build();

    Generations(BlobStore store, Duration interval, Ticker ticker) {
        this.store = store;
        this.intervalNanos = interval.toNanos();
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

    /** True when a memory hit needs no store read now: the image's marker was read within the interval. */
    boolean noted(String imageId) {
        if (store == null) return true;
        Seen s = seen.getIfPresent(imageId);
        return s != null && !stale(s);
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
