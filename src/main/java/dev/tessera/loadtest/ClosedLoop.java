package dev.tessera.loadtest;

import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** N workers, each sending the next URL as soon as its previous answer has arrived. */
final class ClosedLoop {
    private ClosedLoop() {}

    /** Returns when {@code maxRequests} were sent or {@code maxNanos} have passed, and every answer is in. */
    static void run(UrlSource.Urls urls, Fetcher fetcher, Sink sink, int workers, long maxRequests, long maxNanos) {
        long start = System.nanoTime();
        AtomicLong next = new AtomicLong();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                threads.execute(() -> {
                    long i;
                    while (System.nanoTime() - start < maxNanos && (i = next.getAndIncrement()) < maxRequests) {
                        URI uri = urls.get(i);
                        long sent = System.nanoTime();
                        sink.record(sent, uri, fetcher.fetch(uri));
                    }
                });
            }
        }
    }
}
