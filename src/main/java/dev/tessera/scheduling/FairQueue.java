package dev.tessera.scheduling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * The scheduling state of a {@link RenderPool}, guarded by its lock. Fair by time: each tenant has a
 * virtual time, the render nanos it was charged divided by its weight; the waiting tenant with the
 * lowest one goes next. A job is charged its tenant's moving average cost when it starts and corrected
 * to what it really took when it ends. While others wait, a tenant holds at most its weighted share of
 * the threads (rounded up, at least one), and a tenant of long renders that already runs one never
 * takes the last free thread once other tenants have been seen, so a newcomer finds one within a short
 * render. A job starts only when its memory fits; a head job that has waited over half the max wait
 * for memory holds it (no job behind it is started instead).
 * <p>Admission tells a busy queue from overload: while a tenant has not been refused lately, a new job of it
 * that finds jobs of its own queued is admitted when the work queued ahead of it is within half the max wait (a
 * closed loop of a few clients per thread is queued, not refused), or within one of its renders per thread while
 * the pool refuses another tenant (no burst queued ahead of an overloaded tenant's admitted render; a job of a
 * tenant with nothing queued is still admitted); once it is being refused (sustained
 * overload), a new job is admitted only when its {@linkplain #predictedForegroundWait wait for requests'
 * renders}, the running ones' remaining time included, is within half of one of the tenant's average renders:
 * what is admitted waits about half a render, not a queue; background work is left out of that wait (a lone
 * render after a burst is not refused for an upload's mezzanine or baseline copy that started after it). That
 * holds until the tenant goes {@linkplain #HOLD_FRACTION a fifth of the max wait} without a refusal. A queued job is refused only when it has actually waited the max wait.
 */
final class FairQueue {
    /** Tenants whose renders average longer than this leave the last free thread to others. */
    static final long LONG_JOB_NANOS = 500_000_000L;
    /** What a tenant's first job is expected to cost. */
    static final long FIRST_GUESS_NANOS = 50_000_000L;
    /** A tenant refused within this fraction of the max wait is held to the short target. */
    static final int HOLD_FRACTION = 5;

    static final class Job {
        final String tenant;
        final Callable<?> task;
        final CompletableFuture<Object> result = new CompletableFuture<>();
        final long enqueued;
        final long memory;
        /** Work the node chose to do (an upload's mezzanine, presets, baseline copy), not a request's render. */
        final boolean background;
        /** Its {@linkplain #sizeClass size class}, or -1: no size given. */
        final int size;
        long charged;
        long started;

        Job(String tenant, Callable<?> task, long enqueued, long memory, boolean background, long pixels) {
            this.tenant = tenant;
            this.task = task;
            this.enqueued = enqueued;
            this.memory = memory;
            this.background = background;
            this.size = sizeClass(pixels);
        }
    }

    /** Output pixels by powers of two (1 px: 0, 2-3 px: 1, ... 2^20 px: 20); -1 for none given. */
    static int sizeClass(long pixels) {
        return pixels <= 0 ? -1 : 63 - Long.numberOfLeadingZeros(pixels);
    }

    private static final class Tenant {
        final int weight;
        final ArrayDeque<Job> queue = new ArrayDeque<>();
        double virtualTime;
        int running;
        long average = FIRST_GUESS_NANOS;
        /** The moving average of its renders of each size class; 0: none ran yet. */
        final long[] averageBySize = new long[64];
        boolean refused;
        long refusedAt;

        Tenant(int weight) {
            this.weight = weight;
        }
    }

    private final int threads;
    private final long memoryBudget;
    private final long maxWaitNanos;
    private final Map<String, Integer> weights;
    private final Map<String, Tenant> tenants = new HashMap<>();
    private final List<Job> runningJobs = new ArrayList<>();
    private double virtualTime;
    private int queued;
    private long memoryInUse;

    FairQueue(int threads, long memoryBudget, long maxWaitNanos, Map<String, Integer> weights) {
        this.threads = threads;
        this.memoryBudget = memoryBudget;
        this.maxWaitNanos = maxWaitNanos;
        this.weights = Map.copyOf(weights);
    }

    private Tenant tenant(String name) {
        return tenants.computeIfAbsent(name, n -> new Tenant(Math.max(1, weights.getOrDefault(n, 1))));
    }

    void add(Job job) {
        Tenant t = tenant(job.tenant);
        // a tenant back from idle starts level with the others: no credit saved up while away
        if (t.queue.isEmpty() && t.running == 0) t.virtualTime = Math.max(t.virtualTime, virtualTime);
        t.queue.addLast(job);
        queued++;
    }

    /** The next job to start now, or null (no thread, nothing eligible, or memory to wait for). */
    Job next(long now) {
        if (runningJobs.size() >= threads || queued == 0) return null;
        List<Tenant> waiting = tenants.values().stream().filter(t -> !t.queue.isEmpty())
                .sorted(Comparator.<Tenant>comparingDouble(t -> t.virtualTime).thenComparingLong(t -> t.queue.peekFirst().enqueued))
                .toList();
        double activeWeight = tenants.values().stream().filter(t -> !t.queue.isEmpty() || t.running > 0)
                .mapToInt(t -> t.weight).sum();
        for (boolean capped : new boolean[] {true, false}) { // uncapped only when no capped pick exists
            for (Tenant t : waiting) {
                if (!mayTakeAThread(t, capped && waiting.size() > 1, activeWeight)) continue;
                Job head = t.queue.peekFirst();
                if (memoryInUse + head.memory <= memoryBudget) return start(t, head, now);
                if (now - head.enqueued > maxWaitNanos / 2) return null; // hold memory for it: no skipping further
            }
        }
        return null;
    }

    private boolean mayTakeAThread(Tenant t, boolean othersWait, double activeWeight) {
        if (othersWait && t.running >= Math.max(1, (int) Math.ceil(threads * t.weight / activeWeight))) return false;
        return !(t.average > LONG_JOB_NANOS && t.running > 0 && threads - runningJobs.size() == 1
                && tenants.size() > 1); // with a single tenant in sight, nobody needs the thread kept free
    }

    private Job start(Tenant t, Job job, long now) {
        t.queue.pollFirst();
        queued--;
        t.running++;
        memoryInUse += job.memory;
        virtualTime = Math.max(virtualTime, t.virtualTime);
        job.charged = t.average;
        job.started = now;
        t.virtualTime += (double) job.charged / t.weight;
        runningJobs.add(job);
        return job;
    }

    /** A started job ended after {@code cost} nanos of render time (0 when it never ran). */
    void finished(Job job, long cost) {
        Tenant t = tenants.get(job.tenant);
        runningJobs.remove(job);
        t.running--;
        memoryInUse -= job.memory;
        t.virtualTime += (double) (cost - job.charged) / t.weight;
        if (cost <= 0) return;
        t.average = (3 * t.average + cost) / 4;
        if (job.size >= 0) {
            long bySize = t.averageBySize[job.size];
            t.averageBySize[job.size] = bySize == 0 ? cost : (3 * bySize + cost) / 4;
        }
    }

    /** What a job is expected to take: its tenant's average for renders of its size, else over all its renders. */
    private long expected(Job job) {
        Tenant t = tenants.get(job.tenant);
        long bySize = job.size >= 0 ? t.averageBySize[job.size] : 0;
        return bySize > 0 ? bySize : t.average;
    }

    /** How long a new job of {@code tenant} would wait for its turn, from the queued work and its averages. */
    long predictedWait(String tenant, long now) {
        return firstFree(now, false) + workAhead(tenant, false);
    }

    /** As {@link #predictedWait}, background jobs (running or queued) left out: the wait requests' renders make. */
    long predictedForegroundWait(String tenant, long now) {
        return firstFree(now, true) + workAhead(tenant, true);
    }

    /** The queued work a new job of {@code tenant} would wait for, per thread (the running jobs left out). */
    long workAhead(String tenant) {
        return workAhead(tenant, false);
    }

    private long workAhead(String tenant, boolean foregroundOnly) {
        Tenant t = tenant(tenant);
        double work = queued(t, foregroundOnly) * (double) t.average;
        double own = work + t.average;
        for (Tenant u : tenants.values()) {
            if (u != t) work += Math.min((double) queued(u, foregroundOnly) * u.average, own * u.weight / t.weight);
        }
        return (long) (work / threads);
    }

    private static long queued(Tenant t, boolean foregroundOnly) {
        return foregroundOnly ? t.queue.stream().filter(j -> !j.background).count() : t.queue.size();
    }

    /** Whether {@code tenant} has jobs waiting (a tenant with none is never held to its target). */
    boolean hasQueued(String tenant) {
        Tenant t = tenants.get(tenant);
        return t != null && !t.queue.isEmpty();
    }

    /** The moving average of {@code tenant}'s renders (a first guess before any ran). */
    long average(String tenant) {
        return tenant(tenant).average;
    }

    /** Whether {@code tenant} had a render refused within the hold time (a fifth of the max wait). */
    boolean beingRefused(String tenant, long now) {
        Tenant t = tenants.get(tenant);
        return t != null && t.refused && now - t.refusedAt <= maxWaitNanos / HOLD_FRACTION;
    }

    /** Notes that a render of {@code tenant} was refused at {@code now}. */
    void refused(String tenant, long now) {
        Tenant t = tenant(tenant);
        t.refused = true;
        t.refusedAt = now;
    }

    /**
     * When a thread is expected to be free: now if one is, else when the soonest running job should end (from
     * renders of its size: a tenant's renders of 50 and 1000 px differ several-fold); with {@code foregroundOnly}, a
     * thread running a background job counts as free.
     */
    private long firstFree(long now, boolean foregroundOnly) {
        int busy = 0;
        long soonest = Long.MAX_VALUE;
        for (Job j : runningJobs) {
            if (foregroundOnly && j.background) continue;
            busy++;
            soonest = Math.min(soonest, Math.max(0, expected(j) - (now - j.started)));
        }
        return busy < threads ? 0 : soonest;
    }

    /** Removes and returns the jobs that have waited longer than the max wait. */
    List<Job> expired(long now) {
        List<Job> late = new ArrayList<>();
        for (Tenant t : tenants.values()) {
            t.queue.removeIf(j -> {
                boolean over = j.result.isDone() || now - j.enqueued > maxWaitNanos;
                if (over && !j.result.isDone()) late.add(j);
                if (over) queued--;
                return over;
            });
        }
        return late;
    }

    /** Frees a place by taking the newest job of the tenant with the longest queue, if longer than ours + 1. */
    Job pushOutFor(String tenant) {
        int own = tenants.containsKey(tenant) ? tenants.get(tenant).queue.size() : 0;
        Tenant longest = null;
        for (Tenant t : tenants.values()) if (longest == null || t.queue.size() > longest.queue.size()) longest = t;
        if (longest == null || longest.queue.size() <= own + 1) return null;
        queued--;
        return longest.queue.pollLast();
    }

    List<Job> drain() {
        List<Job> all = new ArrayList<>();
        tenants.values().forEach(t -> { all.addAll(t.queue); t.queue.clear(); });
        queued = 0;
        return all;
    }

    int queued() { return queued; }

    /** Queued jobs that are requests' renders (background work left out). */
    int queuedRequests() {
        int n = 0;
        for (Tenant t : tenants.values()) n += (int) queued(t, true);
        return n;
    }

    /** Jobs waiting per tenant that has any. */
    Map<String, Integer> queuedByTenant() {
        Map<String, Integer> byTenant = new java.util.TreeMap<>();
        tenants.forEach((name, t) -> {
            if (!t.queue.isEmpty()) byTenant.put(name, t.queue.size());
        });
        return byTenant;
    }

    int running() { return runningJobs.size(); }

    long memoryInUse() { return memoryInUse; }

    long memoryBudget() { return memoryBudget; }
}
