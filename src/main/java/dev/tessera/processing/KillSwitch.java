package dev.tessera.processing;

import dev.tessera.vips.VipsImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A render's deadline: when it passes, every image being computed is killed inside libvips, which
 * stops the computation with an error and frees the render thread. Close it before the images.
 */
final class KillSwitch implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("render-deadline").unstarted(r));

    private final List<VipsImage> watched = new ArrayList<>();
    private final ScheduledFuture<?> timer;
    private boolean done;
    private boolean fired;

    KillSwitch(Duration timeout) {
        timer = TIMER.schedule(this::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** An image about to be computed; killed at once if the deadline has passed. */
    synchronized VipsImage watch(VipsImage image) {
        if (fired) image.kill();
        watched.add(image);
        return image;
    }

    private synchronized void fire() {
        if (done) return;
        fired = true;
        watched.forEach(VipsImage::kill);
    }

    synchronized boolean fired() {
        return fired;
    }

    @Override
    public synchronized void close() {
        done = true;
        timer.cancel(false);
    }
}
