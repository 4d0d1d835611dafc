package dev.tessera.loadtest;

import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Requests scheduled at a fixed rate, whatever the server does. Each latency counts from the request's
 * scheduled time, so a slow server shows its queueing delay instead of slowing the load down
 * (no coordinated omission). At most {@code maxInFlight} requests are outstanding at once.
 */
final class OpenLoop {
    /** A request sent this long after its scheduled time counts as late. */
    static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** @param scheduled requests due before the end, @param sent those sent, @param late those sent late */
    record Schedule(long scheduled, long sent, long late) {}

    private OpenLoop() {}

    /** Returns when the schedule is over and every answer is in. */
    static Schedule run(UrlSource.Urls urls, Fetcher fetcher, Sink sink, double perSecond, int maxInFlight,
            long maxRequests, long maxNanos) throws InterruptedException {
        long start = System.nanoTime();
        long scheduled = Math.min(maxRequests, (long) Math.ceil(maxNanos * perSecond / 1e9));
        Semaphore inFlight = new Semaphore(maxInFlight);
        long sent = 0;
        long late = 0;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < scheduled; i++) {
                long due = start + (long) (i * 1e9 / perSecond);
                for (long wait; (wait = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
                // with every slot taken until the end, the rest of the schedule is never sent
                if (!inFlight.tryAcquire(start + maxNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) break;
                if (System.nanoTime() - due > LATE_NANOS) late++;
                sent++;
                URI uri = urls.get(i);
                threads.execute(() -> {
                    try {
                        sink.record(due, uri, fetcher.fetch(uri));
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        return new Schedule(scheduled, sent, late);
    }
}
