package dev.tessera.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies originals, their metadata and ownership claims (and optionally renditions) from one store to
 * another, in parallel. Idempotent, hence resumable: an object the target already holds with the same size
 * and SHA-256 is skipped. Every object is copied whole or not at all, as each store's put is atomic.
 */
public final class Migration {

    /** What a run did; {@code failed > 0} or {@code stopped} means the target is not complete. */
    public record Summary(long total, long copied, long skipped, long failed, long bytes, Duration took,
                          boolean stopped) {
        public boolean complete() {
            return failed == 0 && !stopped;
        }
    }

    private final BlobStore from;
    private final BlobStore to;
    private final int threads;
    private final List<String> prefixes;
    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile ExecutorService pool;
    private volatile boolean stopped;

    public Migration(BlobStore from, BlobStore to, int threads, boolean renditions) {
        this.from = from;
        this.to = to;
        this.threads = Math.max(1, threads);
        this.prefixes = renditions ? List.of("originals/", "meta/", "owners/", "renditions/")
                : List.of("originals/", "meta/", "owners/");
    }

    /** Runs to the end (or until {@link #stop}), printing a progress line to {@code progress} every second. */
    public Summary run(PrintStream progress) throws IOException {
        long start = System.nanoTime();
        List<String> keys = new ArrayList<>();
        for (String prefix : prefixes) keys.addAll(from.list(prefix));
        Progress line = new Progress(progress, keys.size(), start);
        pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("tessera-migrate-", 0).factory());
        try (var ticker = Executors.newSingleThreadScheduledExecutor()) {
            ticker.scheduleAtFixedRate(() -> line.print(done(), bytes.get()), 1, 1, TimeUnit.SECONDS);
            for (String key : keys) {
                if (stopped) break;
                pool.execute(() -> copy(key));
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // the ticker reports meanwhile
            }
            ticker.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopped while submitting
        }
        line.print(done(), bytes.get());
        progress.println();
        return new Summary(keys.size(), copied.get(), skipped.get(), failed.get(), bytes.get(),
                Duration.ofNanos(System.nanoTime() - start), stopped);
    }

    /** Stops the run: copies in progress are abandoned (the target never sees a partial object). */
    public void stop() {
        stopped = true;
        ExecutorService p = pool;
        if (p != null) p.shutdownNow();
    }

    /** Objects done so far (copied, skipped or failed). */
    public long done() {
        return copied.get() + skipped.get() + failed.get();
    }

    private void copy(String key) {
        if (stopped) return;
        try {
            Optional<BlobMeta> source = from.head(key);
            if (source.isEmpty()) return; // deleted since it was listed
            Optional<BlobMeta> target = to.head(key);
            if (target.isPresent() && target.get().size() == source.get().size()
                    && Arrays.equals(hash(from, key), hash(to, key))) {
                skipped.incrementAndGet();
                return;
            }
            Optional<InputStream> in = from.get(key);
            if (in.isEmpty()) return;
            try (InputStream s = in.get()) {
                to.put(key, s);
            }
            copied.incrementAndGet();
            bytes.addAndGet(source.get().size());
        } catch (IOException | RuntimeException e) {
            if (stopped) return;
            failed.incrementAndGet();
            System.err.println("tessera migrate: " + key + ": " + e.getMessage());
        }
    }

    /** SHA-256 of the object, or empty bytes when it is gone. */
    static byte[] hash(BlobStore store, String key) throws IOException {
        Optional<InputStream> in = store.get(key);
        if (in.isEmpty()) return new byte[0];
        try (DigestInputStream s = new DigestInputStream(in.get(), MessageDigest.getInstance("SHA-256"))) {
            s.transferTo(OutputStream.nullOutputStream());
            return s.getMessageDigest().digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code objects done/total, MB, objects/s, ETA}, rewritten in place. */
    private record Progress(PrintStream out, long total, long start) {
        void print(long done, long bytes) {
            double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
            double rate = done / seconds;
            long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
            out.printf("\r%d/%d objects, %.1f MB, %.0f objects/s, %.1f MB/s, ETA %s   ", done, total,
                    bytes / 1e6, rate, bytes / 1e6 / seconds, eta < 0 ? "?" : eta + "s");
            out.flush();
        }
    }
}
