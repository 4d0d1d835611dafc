package dev.tessera.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the secondary up to the primary for every journalled key: copies the object, or deletes it when the
 * primary no longer has it. Each write is tried at once; what fails stays journalled and is retried every
 * {@code interval}, also after a restart. Also copies fallback reads back to the primary.
 */
final class MirrorRepairer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorRepairer.class);

    private final BlobStore primary;
    private final BlobStore secondary;
    private final MirrorJournal journal;
    private final ScheduledExecutorService executor;

    MirrorRepairer(BlobStore primary, BlobStore secondary, MirrorJournal journal, Duration interval) {
        this.primary = primary;
        this.secondary = secondary;
        this.journal = journal;
        this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("tessera-mirror-repair").factory());
        executor.scheduleWithFixedDelay(this::drain, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A write to the primary. */
    interface PrimaryWrite {
        void run() throws IOException;
    }

    /**
     * Records the key durably, makes the primary write, then schedules the secondary's copy. Should the
     * write fail, the entry stays: the repair then finds what the primary holds and makes the secondary match.
     */
    void journal(String key, PrimaryWrite write) throws IOException {
        journal.add(key);
        write.run();
        executor.execute(() -> repair(key));
    }

    boolean isPending(String key) {
        return journal.contains(key);
    }

    long backlog() {
        return journal.size();
    }

    /** Copies the key from the secondary to the primary when the primary lacks it. */
    void restorePrimary(String key) {
        executor.execute(() -> {
            try {
                if (primary.head(key).isPresent()) return;
                Optional<InputStream> in = secondary.get(key);
                if (in.isEmpty()) return;
                try (InputStream s = in.get()) {
                    primary.put(key, s);
                }
                LOG.info("Restored {} to the primary store from the secondary", key);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not restore {} to the primary store: {}", key, e.toString());
            }
        });
    }

    /** One pass over the journal; stops at the first failure, as the secondary is likely down. */
    void drain() {
        for (String key : journal.pending()) {
            if (!repair(key)) return;
        }
    }

    private boolean repair(String key) {
        Optional<Long> seq = journal.sequence(key);
        if (seq.isEmpty()) return true;
        try {
            Optional<InputStream> in = primary.get(key);
            if (in.isPresent()) {
                try (InputStream s = in.get()) {
                    secondary.put(key, s);
                }
            } else {
                secondary.delete(key);
            }
            journal.remove(key, seq.get());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("Mirror repair of {} failed, kept in the journal: {}", key, e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
