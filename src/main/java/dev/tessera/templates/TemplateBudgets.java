package dev.tessera.templates;

import dev.tessera.scheduling.OverloadedException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Each template's concurrency budget on this node: at most {@code permits} renders of one template at a time
 * (fetching their sources included), the others wait up to {@code maxWait}, then 503 with Retry-After. A
 * template whose images come from a slow origin fills its own budget, not the render pool.
 */
final class TemplateBudgets {
    private final int permits;
    private final Duration maxWait;
    private final ConcurrentHashMap<String, Semaphore> budgets = new ConcurrentHashMap<>();

    TemplateBudgets(int permits, Duration maxWait) {
        this.permits = permits;
        this.maxWait = maxWait;
    }

    /** A place among the template's renders, released by closing it. */
    AutoCloseable enter(String template) throws InterruptedException {
        Semaphore budget = budgets.computeIfAbsent(template, t -> new Semaphore(permits));
        if (!budget.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new OverloadedException("the template " + template + " has " + permits
                    + " renders running; retry shortly", Math.max(1000, maxWait.toMillis()));
        }
        return budget::release;
    }
}
