package harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/** Bounded loads: closed loops (each worker sends its next request when its answer is in) and open loops. */
public final class Load {
    private Load() {}

    /** An open loop's answers, and how many requests were due but not sent (every in-flight slot taken). */
    public record Open(List<Http.Result> results, long scheduled, long notSent) {}

    /**
     * Sends request i (path {@code paths.apply(i)}) at start + i / perSecond for {@code seconds}, whatever the
     * server does; returns when every answer is in (each bounded by the client's timeout).
     */
    public static Open open(Http http, double perSecond, double seconds, int maxInFlight, IntFunction<String> paths) {
        long start = System.nanoTime();
        long scheduled = (long) Math.ceil(seconds * perSecond);
        Semaphore inFlight = new Semaphore(maxInFlight);
        Queue<Http.Result> results = new ConcurrentLinkedQueue<>();
        long notSent = 0;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < scheduled; i++) {
                long due = start + (long) (i * 1e9 / perSecond);
                for (long wait; (wait = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
                if (!inFlight.tryAcquire()) {
                    notSent++;
                    continue;
                }
                String path = paths.apply(i);
                threads.execute(() -> {
                    try {
                        results.add(http.get(path, due));
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        return new Open(List.copyOf(results), scheduled, notSent);
    }

    /** {@code workers} closed loops for {@code seconds}; request i asks for {@code paths.apply(i)}. */
    public static List<Http.Result> closed(Http http, int workers, double seconds, IntFunction<String> paths) {
        try (Loops loops = new Loops(http, workers, paths)) {
            LockSupport.parkNanos((long) (seconds * 1e9));
            return loops.stop();
        }
    }

    /** Closed loops running in the background until {@link #stop}. */
    public static final class Loops implements AutoCloseable {
        private final Http http;
        private final Queue<Http.Result> results = new ConcurrentLinkedQueue<>();
        private final AtomicInteger next = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean stopped;

        public Loops(Http http, int workers, IntFunction<String> paths) {
            this.http = http;
            for (int w = 0; w < workers; w++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    while (!stopped) {
                        Http.Result r = http.get(paths.apply(next.getAndIncrement()), System.nanoTime());
                        if (!stopped || r.status() != 0) results.add(r);   // not those cut off by stop()
                    }
                }));
            }
        }

        /** Stops sending and returns the answers in; waits at most 5 s for the answers in flight, then aborts them. */
        public List<Http.Result> stop() {
            stopped = true;
            long deadline = System.nanoTime() + 5_000_000_000L;
            try {
                for (Thread t : threads) t.join(java.time.Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            http.close();
            return List.copyOf(results);
        }

        @Override
        public void close() {
            if (!stopped) stop();
        }
    }
}
