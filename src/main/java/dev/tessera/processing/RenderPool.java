package dev.tessera.processing;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of platform threads for native image work, with a bounded wait queue. Native calls
 * pin virtual threads, so renders never run on them; a full queue is refused at once.
 */
public final class RenderPool implements AutoCloseable {
    private final ThreadPoolExecutor executor;

    public RenderPool(int threads, int queueSize) {
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueSize), r -> {
                    Thread t = new Thread(r, "render-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Runs the task on a render thread and waits for it; {@link OverloadedException} when the queue is full. */
    public <T> T run(Callable<T> task) {
        Future<T> future;
        try {
            future = executor.submit(task);
        } catch (RejectedExecutionException e) {
            throw new OverloadedException("all " + executor.getMaximumPoolSize() + " render threads are busy and "
                    + executor.getQueue().size() + " renders are waiting");
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a render", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    public int threads() { return executor.getMaximumPoolSize(); }
    public int active() { return executor.getActiveCount(); }
    public int queued() { return executor.getQueue().size(); }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
