package dev.tessera.processing;

import dev.tessera.vips.VipsImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A render's deadline: when it passes, every image being computed is killed inside libvips, which
 * stops the computation with an error and frees the render thread. Close it before the images.
 */
final class KillSwitch implements AutoCloseable {
    /** The process-wide deadline timer; cancelled deadlines leave its queue at once. */
    static final ScheduledThreadPoolExecutor TIMER = newTimer();

    private final List<VipsImage> watched = new ArrayList<>();
    private final ScheduledFuture<?> timer;
    private final LongSupplier ticker;
    private final long deadlineNanos;
    private boolean done;
    private boolean fired;

    KillSwitch(Duration timeout, ScheduledThreadPoolExecutor timers, LongSupplier ticker) {
        this.ticker = ticker;
        this.deadlineNanos = ticker.getAsLong() + timeout.toNanos();
        timer = timers.schedule(this::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    static ScheduledThreadPoolExecutor newTimer() {
        var timer = new ScheduledThreadPoolExecutor(1,
                r -> Thread.ofPlatform().daemon().name("render-deadline").unstarted(r));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** An image about to be computed; killed at once if the deadline has passed. */
    synchronized VipsImage watch(VipsImage image) {
        if (fired) image.kill();
        watched.add(image);
        return image;
    }

    /** Nanoseconds left until the deadline (negative once it has passed). */
    long remainingNanos() {
        return deadlineNanos - ticker.getAsLong();
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
