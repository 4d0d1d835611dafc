package dev.tessera.remote;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Fetch slots: {@code capacity} for all origins, and per origin at most {@code maxPerHost} and at most
 * {@code share} of the capacity, so one slow origin cannot take every slot. Waiting for a slot counts against
 * the request's deadline: 503 with Retry-After when none frees in time. At most as many fetches wait as there
 * are slots (per origin, and for all): a fetch waits about one round of fetches at most, and the rest are
 * refused at once. (A wait queue bounded by time alone, under sustained overload, stays full: every fetch
 * that got a slot had waited nearly its whole time for it.)
 */
final class Bulkheads {
    private final Semaphore all;
    private final int capacity;
    private final int perOrigin;
    /** Weak values: an origin's semaphore lives while a fetch holds it; a new one has every slot free. */
    private final Cache<String, Semaphore> origins = Caffeine.newBuilder().weakValues().build();

    Bulkheads(int capacity, int maxPerHost, double share) {
        this.all = new Semaphore(capacity, true);
        this.capacity = capacity;
        this.perOrigin = Math.max(1, Math.min(maxPerHost, (int) Math.floor(share * capacity)));
    }

    /** A slot for {@code origin}, released by closing it. */
    AutoCloseable acquire(String origin, long deadlineNanos) {
        Semaphore mine = origins.get(origin, o -> new Semaphore(perOrigin, true));
        try {
            if (!take(mine, perOrigin, deadlineNanos)) throw busy();
            if (!take(all, capacity, deadlineNanos)) {
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

    /** A permit of {@code slots}, waited for until the deadline unless {@code waiters} are already waiting. */
    private static boolean take(Semaphore slots, int waiters, long deadlineNanos) throws InterruptedException {
        if (slots.tryAcquire(0, TimeUnit.NANOSECONDS)) return true; // fair: no barging past those waiting
        if (slots.getQueueLength() >= waiters) return false;
        return slots.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    int perOrigin() {
        return perOrigin;
    }

    private static RemoteFetchException busy() {
        return new RemoteFetchException(RemoteFetchException.Kind.BUSY,
                "too many fetches from this origin are in flight; retry shortly", 1);
    }
}
