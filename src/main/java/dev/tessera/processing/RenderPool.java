package dev.tessera.processing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of platform threads for native image work (native calls pin virtual threads), fed
 * from one bounded queue per tenant in weighted round-robin order (a tenant of weight w gets w jobs
 * in a row; 1 by default), so a tenant's burst waits behind its own
 * work, not in front of everyone else's. When the queue is full, a newcomer pushes out the newest
 * job of the tenant holding the most queued jobs (if that is more than its own); otherwise it is
 * refused. Jobs that waited longer than {@code maxWait} are refused when their turn comes.
 */
public final class RenderPool implements AutoCloseable {
    public static final String DEFAULT_TENANT = "default";

    private record Job(String tenant, Callable<?> task, CompletableFuture<Object> result, long enqueued) {}

    private final int queueSize;
    private final long maxWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition jobsWaiting = lock.newCondition();
    private final Map<String, ArrayDeque<Job>> queues = new HashMap<>();
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private final Thread[] workers;
    private final Map<String, Integer> weights;
    private String turnHolder;
    private int turnsLeft;
    private final AtomicLong rejected = new AtomicLong();
    private volatile java.util.function.LongConsumer waitObserver = nanos -> {};
    private int queued;
    private int active;
    private boolean closed;

    public RenderPool(int threads, int queueSize) {
        this(threads, queueSize, Duration.ofSeconds(10));
    }

    public RenderPool(int threads, int queueSize, Duration maxWait) {
        this(threads, queueSize, maxWait, Map.of());
    }

    /** {@code weights}: tenant to its share of turns (1 when absent). */
    public RenderPool(int threads, int queueSize, Duration maxWait, Map<String, Integer> weights) {
        this.weights = Map.copyOf(weights);
        this.queueSize = queueSize;
        this.maxWaitNanos = maxWait.toNanos();
        this.workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = Thread.ofPlatform().daemon().name("render-" + (i + 1)).start(this::work);
        }
    }

    public <T> T run(Callable<T> task) {
        return run(DEFAULT_TENANT, task);
    }

    /** Runs the task on a render thread in the tenant's turn and waits for it. */
    @SuppressWarnings("unchecked")
    public <T> T run(String tenant, Callable<T> task) {
        Job job = new Job(tenant, task, new CompletableFuture<>(), System.nanoTime());
        enqueue(job);
        try {
            return (T) job.result().get();
        } catch (InterruptedException e) {
            job.result().cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a render", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    private void enqueue(Job job) {
        lock.lock();
        try {
            if (closed) throw new OverloadedException("the render pool is shut down");
            if (queued >= queueSize && !pushOutFor(job.tenant())) {
                rejected.incrementAndGet();
                throw new OverloadedException("all " + workers.length + " render threads are busy and "
                        + queued + " renders are waiting");
            }
            ArrayDeque<Job> queue = queues.computeIfAbsent(job.tenant(), t -> new ArrayDeque<>());
            if (queue.isEmpty()) turns.addLast(job.tenant());
            queue.addLast(job);
            queued++;
            jobsWaiting.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Frees a place by refusing the newest job of the tenant with the longest queue, if longer than ours. */
    private boolean pushOutFor(String tenant) {
        int own = queues.containsKey(tenant) ? queues.get(tenant).size() : 0;
        ArrayDeque<Job> longest = null;
        for (ArrayDeque<Job> q : queues.values()) if (longest == null || q.size() > longest.size()) longest = q;
        if (longest == null || longest.size() <= own + 1) return false;
        Job victim = longest.pollLast();
        queued--;
        if (longest.isEmpty()) {
            queues.remove(victim.tenant());
            turns.remove(victim.tenant());
            if (victim.tenant().equals(turnHolder)) turnHolder = null;
        }
        rejected.incrementAndGet();
        victim.result().completeExceptionally(new OverloadedException("pushed out of the render queue by other tenants"));
        return true;
    }

    private void work() {
        while (true) {
            Job job;
            lock.lock();
            try {
                while (queued == 0 && !closed) jobsWaiting.awaitUninterruptibly();
                if (closed) return;
                String tenant = turns.peekFirst();
                if (!tenant.equals(turnHolder)) {
                    turnHolder = tenant;
                    turnsLeft = Math.max(1, weights.getOrDefault(tenant, 1));
                }
                ArrayDeque<Job> queue = queues.get(tenant);
                job = queue.pollFirst();
                turnsLeft--;
                turns.pollFirst();
                if (queue.isEmpty()) {
                    queues.remove(tenant);
                    turnHolder = null;
                } else if (turnsLeft > 0) {
                    turns.addFirst(tenant); // more turns in a row for a heavier tenant
                } else {
                    turns.addLast(tenant);
                    turnHolder = null;
                }
                queued--;
                active++;
            } finally {
                lock.unlock();
            }
            try {
                execute(job);
            } finally {
                lock.lock();
                active--;
                lock.unlock();
            }
        }
    }

    private void execute(Job job) {
        if (job.result().isDone()) return; // cancelled by its caller
        if (System.nanoTime() - job.enqueued() > maxWaitNanos) {
            rejected.incrementAndGet();
            job.result().completeExceptionally(new OverloadedException("the render waited too long for a thread"));
            return;
        }
        waitObserver.accept(System.nanoTime() - job.enqueued());
        try {
            job.result().complete(job.task().call());
        } catch (Throwable t) {
            job.result().completeExceptionally(t);
        }
    }

    /** Told how long each render waited for a thread, in nanoseconds (for metrics). */
    public void observeWaits(java.util.function.LongConsumer observer) {
        this.waitObserver = observer;
    }

    public int threads() { return workers.length; }

    public int active() {
        lock.lock();
        try { return active; } finally { lock.unlock(); }
    }

    public int queued() {
        lock.lock();
        try { return queued; } finally { lock.unlock(); }
    }

    /** Renders refused so far (queue full, pushed out, or waited too long). */
    public long rejected() { return rejected.get(); }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queues.values().forEach(q -> q.forEach(j -> j.result().completeExceptionally(
                    new OverloadedException("the render pool is shut down"))));
            queues.clear();
            turns.clear();
            queued = 0;
            jobsWaiting.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
