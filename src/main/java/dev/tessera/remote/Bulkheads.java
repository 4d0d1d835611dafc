package dev.tessera.remote;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Fetch slots: {@code capacity} for all origins, and per origin at most {@code maxPerHost} and at most
 * {@code share} of the capacity, so one slow origin cannot take every slot. Waiting for a slot counts against
 * the request's deadline: 503 with Retry-After when none frees in time.
 */
final class Bulkheads {
    private final Semaphore all;
    private final int perOrigin;
    /** Weak values: an origin's semaphore lives while a fetch holds it; a new one has every slot free. */
    private final Cache<String, Semaphore> origins = Caffeine.newBuilder().weakValues().build();

    Bulkheads(int capacity, int maxPerHost, double share) {
        this.all = new Semaphore(capacity, true);
        this.perOrigin = Math.max(1, Math.min(maxPerHost, (int) Math.floor(share * capacity)));
    }

    /** A slot for {@code origin}, released by closing it. */
    AutoCloseable acquire(String origin, long deadlineNanos) {
        Semaphore mine = origins.get(origin, o -> new Semaphore(perOrigin, true));
        try {
            if (!mine.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) throw busy();
            if (!all.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                mine.release();
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        return () -> {
            all.release();
            mine.release();
        };
    }

    int perOrigin() {
        return perOrigin;
    }

    private static RemoteFetchException busy() {
        return new RemoteFetchException(RemoteFetchException.Kind.BUSY,
                "too many fetches from this origin are in flight; retry shortly", 1);
    }
}
