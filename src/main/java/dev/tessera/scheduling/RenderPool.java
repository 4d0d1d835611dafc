package dev.tessera.scheduling;

import dev.tessera.image.ImageException;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.scheduling.FairQueue.Job;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * A fixed set of platform threads for native image work (native calls pin virtual threads), shared
 * between tenants by render time and bounded by a native memory budget ({@link FairQueue}). The refusal is
 * decided at admission: a job is refused at once when its predicted wait is over {@code maxWait}; when its
 * tenant already has jobs queued and the work queued ahead of it is over half of {@code maxWait} (one of the
 * tenant's renders per thread while the pool is refusing any tenant); and, while its own tenant is being refused,
 * when its wait for requests' renders (the running ones' remaining time included, background work left out) is
 * over half of one of the tenant's renders;
 * when the queue is full, a newcomer pushes out the newest job of the tenant holding the most queued jobs, when that
 * tenant holds at least two more than the newcomer's own (else the newcomer is refused). A queued job is
 * refused later only once it has actually waited {@code maxWait}. Calls from a render thread run inline. Work
 * started {@linkplain #inBackground in the background} is scheduled like any other, but not counted against a
 * refused tenant's requests, nor as a request's place in the queue (it takes one only when the queue has room).
 */
public final class RenderPool implements AutoCloseable {
    public static final String DEFAULT_TENANT = "default";
    /** How often waiting callers and idle workers look for jobs past their max wait. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** Bound while the node does work of its own choosing; see {@link #inBackground}. */
    private static final ScopedValue<Boolean> BACKGROUND = ScopedValue.newInstance();

    private final int queueSize;
    private final long maxWaitNanos;
    private final Ticker ticker;
    private final FairQueue jobs;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Renders yield the CPU to request handling (hits, refusals, uploads) when both want it. */
    static final int RENDER_NICE = 10;

    private final Thread[] workers;
    private final AtomicLong rejected = new AtomicLong();
    /** When a render was last refused at admission (ticker nanos), for {@link #refusing()}; 0: never. */
    private volatile long lastRefusal;
    private volatile LongConsumer waitObserver = nanos -> {};
    private boolean closed;

    public RenderPool(int threads, int queueSize) {
        this(threads, queueSize, Duration.ofSeconds(10), Map.of(), Long.MAX_VALUE, Ticker.systemTicker());
    }

    /**
     * {@code weights}: tenant to its share of render time (1 when absent); {@code memoryBudget}: bytes of
     * native memory that running jobs may hold together; {@code ticker} measures waits and render time.
     */
    public RenderPool(int threads, int queueSize, Duration maxWait, Map<String, Integer> weights, long memoryBudget,
                      Ticker ticker) {
        this.queueSize = queueSize;
        this.maxWaitNanos = maxWait.toNanos();
        this.ticker = ticker;
        this.jobs = new FairQueue(threads, memoryBudget, maxWaitNanos, weights);
        this.workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = Thread.ofPlatform().daemon().name("render-" + (i + 1)).start(() -> {
                ThreadNiceness.lowerTo(RENDER_NICE);
                work();
            });
        }
    }

    public <T> T run(Callable<T> task) {
        return run(DEFAULT_TENANT, 0, task);
    }

    public <T> T run(String tenant, Callable<T> task) {
        return run(tenant, 0, task);
    }

    /**
     * Runs the task on a render thread in the tenant's turn, once {@code memory} bytes fit the budget, and
     * waits for it. From a render thread it runs inline: that thread's job already holds a place.
     */
    public <T> T run(String tenant, long memory, Callable<T> task) {
        return run(tenant, memory, 0, task);
    }

    /**
     * As {@link #run(String, long, Callable)}, for a render of {@code pixels} output pixels: while it runs, the
     * time it has left is predicted from the tenant's renders of about its size (0: from all its renders).
     */
    @SuppressWarnings("unchecked")
    public <T> T run(String tenant, long memory, long pixels, Callable<T> task) {
        if (onRenderThread()) return callInline(task);
        if (memory > jobs.memoryBudget()) {
            throw new ImageException(ImageException.Reason.OVER_MEMORY_BUDGET, "the work needs about "
                    + (memory >> 20) + " MB of memory; the render memory budget is " + (jobs.memoryBudget() >> 20) + " MB");
        }
        Job job = new Job(tenant == null ? DEFAULT_TENANT : tenant, task, ticker.read(), memory,
                BACKGROUND.isBound(), pixels);
        enqueue(job);
        try {
            while (true) {
                try {
                    return (T) job.result.get(RECHECK_NANOS, TimeUnit.NANOSECONDS);
                } catch (TimeoutException stillWaiting) {
                    refuseLateJobs(); // while every thread is busy, no worker does it
                }
            }
        } catch (InterruptedException e) {
            job.result.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a render", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Runs {@code work} on this thread with the renders it asks for marked as background work (an upload's
     * mezzanine and presets, a baseline copy): a render of a tenant being refused is not refused for them.
     */
    public static void inBackground(Runnable work) {
        ScopedValue.where(BACKGROUND, Boolean.TRUE).run(work);
    }

    private boolean onRenderThread() {
        Thread me = Thread.currentThread();
        for (Thread w : workers) if (w == me) return true;
        return false;
    }

    private static <T> T callInline(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void enqueue(Job job) {
        lock.lock();
        try {
            if (closed) throw new OverloadedException("the render pool is shut down", 1000);
            long wait = admit(job.tenant, job.enqueued);
            // background work never takes a request's place: a request counts requests ahead of it
            int ahead = job.background ? jobs.queued() : jobs.queuedRequests();
            if (ahead >= queueSize) {
                Job victim = jobs.pushOutFor(job.tenant);
                if (victim == null) throw refuse(job.tenant, job.enqueued, "all " + workers.length
                        + " render threads are busy and " + ahead + " renders are waiting", wait);
                victim.result.completeExceptionally(refuse("pushed out of the render queue by other tenants", wait));
            }
            jobs.add(job);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Throws the {@link OverloadedException} a render for {@code tenant} would get at admission now, without
     * queueing anything: lets a caller shed before costly work only a render would use (a remote fetch).
     */
    public void refuseIfOverloaded(String tenant) {
        lock.lock();
        try {
            admit(tenant == null ? DEFAULT_TENANT : tenant, ticker.read());
        } finally {
            lock.unlock();
        }
    }

    /**
     * The retry hint (ms) of the refusal a render of {@code tenant} gets now if that tenant is being refused (a
     * render of it was refused lately) and admission would refuse this one too; else 0. A refusal it reports
     * counts as one: lets a caller answer it before any costly work (parsing, cache lookups).
     */
    public long refusalWhileRefused(String tenant) {
        if (!refusing()) return 0;
        lock.lock();
        try {
            long now = ticker.read();
            if (!jobs.beingRefused(tenant, now)) return 0;
            admit(tenant, now);
            return 0;
        } catch (OverloadedException refused) {
            return refused.retryAfterMillis();
        } finally {
            lock.unlock();
        }
    }

    /** Whether any render was refused at admission lately (within a fifth of the max wait); no lock taken. */
    public boolean refusing() {
        return refusingAt(ticker.read());
    }

    private boolean refusingAt(long now) {
        long last = lastRefusal;
        return last != 0 && now - last <= maxWaitNanos / FairQueue.HOLD_FRACTION;
    }

    /** The predicted wait of a new job of {@code tenant}, or the refusal it gets at admission (lock held). */
    private long admit(String tenant, long now) {
        long wait = jobs.predictedWait(tenant, now);
        if (wait > maxWaitNanos) throw refuse(tenant, now, "renders queued ahead would take about " + millis(wait)
                + " ms, longer than the " + millis(maxWaitNanos) + " ms a render may wait", wait);
        if (jobs.beingRefused(tenant, now)) {
            long requests = jobs.predictedForegroundWait(tenant, now), half = jobs.average(tenant) / 2;
            if (requests > half) throw refuse(tenant, now, "a render would wait about " + millis(requests) + " ms for "
                    + "the renders ahead of it, over the half render (" + millis(half) + " ms) this queue is kept to "
                    + "while refusing", wait);
            return wait;
        }
        long ahead = jobs.workAhead(tenant), target = refusingAt(now) ? jobs.average(tenant) : maxWaitNanos / 2;
        if (jobs.hasQueued(tenant) && ahead > target) throw refuse(tenant, now, "renders queued ahead would take about "
                + millis(ahead) + " ms per thread, over the " + millis(target) + " ms this queue is kept to", wait);
        return wait;
    }

    /** A refusal at admission: counted, and noted against its tenant (lock held). */
    private OverloadedException refuse(String tenant, long now, String why, long waitNanos) {
        jobs.refused(tenant, now);
        lastRefusal = now == 0 ? 1 : now;
        return refuse(why, waitNanos);
    }

    private OverloadedException refuse(String why, long waitNanos) {
        rejected.incrementAndGet();
        return new OverloadedException(why, Math.max(1, millis(waitNanos)));
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private void work() {
        while (true) {
            Job job;
            lock.lock();
            try {
                while (true) {
                    if (closed) return;
                    refuseLateJobs();
                    job = jobs.next(ticker.read());
                    if (job != null) break;
                    if (jobs.queued() > 0) changed.awaitNanos(RECHECK_NANOS);
                    else changed.awaitUninterruptibly();
                }
            } catch (InterruptedException e) {
                return; // only close() could mean it; daemon threads end with the process
            } finally {
                lock.unlock();
            }
            Outcome outcome = execute(job);
            lock.lock();
            try {
                jobs.finished(job, outcome.nanos);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            outcome.deliverTo(job); // after the books: a caller that returns sees its job no longer running
        }
    }

    /** What a job's task returned or threw, and the render nanos it took (0 when it did not run). */
    private record Outcome(Object value, Throwable failure, long nanos) {
        void deliverTo(Job job) {
            if (nanos == 0) return;
            if (failure != null) job.result.completeExceptionally(failure);
            else job.result.complete(value);
        }
    }

    private void refuseLateJobs() {
        lock.lock();
        try {
            for (Job late : jobs.expired(ticker.read())) {
                late.result.completeExceptionally(refuse("the render waited over " + millis(maxWaitNanos)
                        + " ms for a thread", maxWaitNanos));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs the job; its result is delivered once the pool has accounted for it. */
    private Outcome execute(Job job) {
        if (job.result.isDone()) return new Outcome(null, null, 0); // cancelled by its caller
        waitObserver.accept(job.started - job.enqueued);
        Object value = null;
        Throwable failure = null;
        try {
            value = job.task.call();
        } catch (Throwable t) {
            failure = t;
        }
        return new Outcome(value, failure, Math.max(1, ticker.read() - job.started));
    }

    /** Told how long each render waited for a thread, in nanoseconds (for metrics). */
    public void observeWaits(LongConsumer observer) {
        this.waitObserver = observer;
    }

    public int threads() { return workers.length; }

    public int active() {
        lock.lock();
        try { return jobs.running(); } finally { lock.unlock(); }
    }

    public int queued() {
        lock.lock();
        try { return jobs.queued(); } finally { lock.unlock(); }
    }

    /** Renders waiting for a thread, per tenant that has any. */
    public java.util.Map<String, Integer> queuedByTenant() {
        lock.lock();
        try { return jobs.queuedByTenant(); } finally { lock.unlock(); }
    }

    /** Native memory that running jobs are expected to hold, in bytes. */
    public long memoryInUse() {
        lock.lock();
        try { return jobs.memoryInUse(); } finally { lock.unlock(); }
    }

    public long memoryBudget() { return jobs.memoryBudget(); }

    /** Renders refused so far (predicted wait too long, queue full, pushed out, or waited too long). */
    public long rejected() { return rejected.get(); }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            jobs.drain().forEach(j -> j.result.completeExceptionally(
                    new OverloadedException("the render pool is shut down", 1000)));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
