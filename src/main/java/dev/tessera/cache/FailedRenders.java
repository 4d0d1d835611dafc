package dev.tessera.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The negative cache: renders that failed in a way a replay would repeat (the caller's predicate
 * says which), remembered by key for a short time; nothing when the time is zero.
 */
final class FailedRenders {
    private static final int MAX_ENTRIES = 10_000;

    private final Cache<CacheKey, Exception> failures; // null when disabled
    private final Predicate<Exception> deterministic;

    FailedRenders(Duration ttl, Predicate<Exception> deterministic, Clock clock) {
        this.deterministic = deterministic;
        this.failures = ttl.isZero() ? null : Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(ttl)
                .ticker(() -> nanos(clock))
                .build();
    }

    /** The remembered failure of the key, or null. */
    Exception get(CacheKey key) {
        return failures == null ? null : failures.getIfPresent(key);
    }

    /** Remembers the failure when a replay would repeat it. */
    void remember(CacheKey key, Throwable failure) {
        if (failures != null && failure instanceof Exception e && deterministic.test(e)) failures.put(key, e);
    }

    void purge(String imageId) {
        if (failures != null) failures.asMap().keySet().removeIf(key -> key.imageId().equals(imageId));
    }

    private static long nanos(Clock clock) {
        var now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
