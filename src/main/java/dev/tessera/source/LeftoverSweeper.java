package dev.tessera.source;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a crash leaves in the upload spool and the store's temp directory: files not written for
 * {@link #SAFE_AGE}, at start and then periodically. An upload in flight writes its spool file as the body
 * arrives and stores it within the render timeout, so it is never that old.
 */
public final class LeftoverSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverSweeper.class);
    public static final Duration SAFE_AGE = Duration.ofHours(1);

    private final List<Path> dirs;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("leftover-sweeper").factory());

    LeftoverSweeper(List<Path> dirs, Clock clock) {
        this.dirs = List.copyOf(dirs);
        this.clock = clock;
    }

    /** Sweeps {@code dirs} now, then every {@code period}. */
    public static LeftoverSweeper start(List<Path> dirs, Clock clock, Duration period) {
        LeftoverSweeper sweeper = new LeftoverSweeper(dirs, clock);
        sweeper.sweepLogged();
        long millis = period.toMillis();
        sweeper.timer.scheduleWithFixedDelay(sweeper::sweepLogged, millis, millis, TimeUnit.MILLISECONDS);
        return sweeper;
    }

    private void sweepLogged() {
        try {
            int removed = sweep();
            if (removed > 0) LOG.info("removed {} leftover files older than {}", removed, SAFE_AGE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("sweeping leftover files failed: {}", e.toString());
        }
    }

    /** Removes the regular files older than the safe age; returns how many. */
    int sweep() throws IOException {
        Instant cutoff = clock.instant().minus(SAFE_AGE);
        int removed = 0;
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) continue;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) if (removeIfOlder(file, cutoff)) removed++;
            }
        }
        return removed;
    }

    private static boolean removeIfOlder(Path file, Instant cutoff) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS);
            return attrs.isRegularFile() && attrs.lastModifiedTime().toInstant().isBefore(cutoff)
                    && Files.deleteIfExists(file);
        } catch (NoSuchFileException e) {
            return false; // removed meanwhile
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
