package dev.tessera.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.image.ImageException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RenderPoolTest {
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        callers.shutdownNow();
    }

    /** Occupies the pool's only thread until {@link #release} opens. */
    private void blockTheThread(RenderPool pool) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        callers.submit(() -> pool.run("blocker", () -> {
            started.countDown();
            release.await();
            return null;
        }));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static void awaitQueued(RenderPool pool, int n) throws InterruptedException {
        for (int i = 0; i < 500 && pool.queued() < n; i++) Thread.sleep(10);
        assertThat(pool.queued()).isEqualTo(n);
    }

    @Test
    void returnsResultsAndPropagatesFailures() {
        try (RenderPool pool = new RenderPool(2, 4)) {
            assertThat(pool.run(() -> 42)).isEqualTo(42);
            assertThatThrownBy(() -> pool.run(() -> { throw new IllegalArgumentException("boom"); }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("boom");
        }
    }

    @Test
    void refusesWhenTheQueueIsFull() throws Exception {
        try (RenderPool pool = new RenderPool(1, 2)) {
            blockTheThread(pool);
            callers.submit(() -> pool.run("a", () -> 1));
            callers.submit(() -> pool.run("a", () -> 2));
            awaitQueued(pool, 2);
            assertThatThrownBy(() -> pool.run("a", () -> 3)).isInstanceOf(OverloadedException.class);
            assertThat(pool.rejected()).isEqualTo(1);
        }
    }

    @Test
    void aNewcomerPushesOutTheNewestJobOfTheBusiestTenant() throws Exception {
        try (RenderPool pool = new RenderPool(1, 3)) {
            blockTheThread(pool);
            List<Future<Object>> flood = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 3; i++) {
                flood.add(callers.submit(() -> pool.run("flood", () -> "ok")));
                awaitQueued(pool, i + 1);
            }
            Future<Object> polite = callers.submit(() -> pool.run("polite", () -> "polite ok"));
            assertThatThrownBy(() -> flood.get(2).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OverloadedException.class);
            release.countDown();
            assertThat(polite.get(5, TimeUnit.SECONDS)).isEqualTo("polite ok");
            assertThat(flood.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        }
    }

    @Test
    void refusesJobsThatWaitedTooLong() throws Exception {
        FakeTicker ticker = new FakeTicker();
        try (RenderPool pool = pool(1, Duration.ofSeconds(1), Map.of(), Long.MAX_VALUE, ticker)) {
            blockTheThread(pool);
            Future<Object> late = callers.submit(() -> pool.run("a", () -> "ran"));
            awaitQueued(pool, 1);
            ticker.advance(Duration.ofSeconds(2));
            assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(OverloadedException.class);
        }
    }

    @Test
    void callsFromARenderThreadRunInline() throws Exception {
        try (RenderPool pool = new RenderPool(1, 4)) {
            Future<Integer> nested = callers.submit(() -> pool.run("a", () -> pool.run("a", () -> 7) + 1));
            assertThat(nested.get(5, TimeUnit.SECONDS)).isEqualTo(8);
        }
    }

    @Test
    void aTenantOfExpensiveRendersGetsNoMoreTimeThanOneOfCheapRenders() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<String> done = runAll(ticker, Map.of(), Map.of("slow", 6, "fast", 1300),
                Map.of("slow", Duration.ofSeconds(10), "fast", Duration.ofMillis(50)));
        Map<String, Long> used = timeUsedInFirst(done, Duration.ofSeconds(60),
                Map.of("slow", Duration.ofSeconds(10), "fast", Duration.ofMillis(50)));
        // both busy for the first minute: equal halves, give or take one expensive render
        assertThat(used.get("slow")).isBetween(Duration.ofSeconds(20).toNanos(), Duration.ofSeconds(40).toNanos());
        assertThat(used.get("fast")).isBetween(Duration.ofSeconds(20).toNanos(), Duration.ofSeconds(40).toNanos());
    }

    @Test
    void renderTimeIsSharedByWeight() throws Exception {
        FakeTicker ticker = new FakeTicker();
        Map<String, Duration> cost = Map.of("heavy", Duration.ofMillis(100), "light", Duration.ofMillis(100));
        List<String> done = runAll(ticker, Map.of("heavy", 2), Map.of("heavy", 60, "light", 60), cost);
        Map<String, Long> used = timeUsedInFirst(done, Duration.ofSeconds(6), cost);
        assertThat(used.get("heavy")).isBetween(Duration.ofMillis(3800).toNanos(), Duration.ofMillis(4200).toNanos());
        assertThat(used.get("light")).isBetween(Duration.ofMillis(1800).toNanos(), Duration.ofMillis(2200).toNanos());
    }

    /** Queues {@code counts} jobs per tenant behind a blocker on one thread, each advancing the ticker by its cost. */
    private List<String> runAll(FakeTicker ticker, Map<String, Integer> weights, Map<String, Integer> counts,
                                Map<String, Duration> cost) throws Exception {
        List<String> done = new CopyOnWriteArrayList<>();
        List<Future<Object>> all = new java.util.ArrayList<>();
        try (RenderPool pool = pool(1, Duration.ofHours(1), weights, Long.MAX_VALUE, ticker)) {
            blockTheThread(pool);
            int total = 0;
            for (var tenant : counts.entrySet()) {
                for (int i = 0; i < tenant.getValue(); i++) {
                    all.add(callers.submit(() -> pool.run(tenant.getKey(), () -> {
                        ticker.advance(cost.get(tenant.getKey()));
                        return done.add(tenant.getKey());
                    })));
                }
                total += tenant.getValue();
                awaitQueued(pool, total);
            }
            release.countDown();
            for (Future<Object> f : all) f.get(30, TimeUnit.SECONDS);
        }
        return done;
    }

    private static Map<String, Long> timeUsedInFirst(List<String> done, Duration window, Map<String, Duration> cost) {
        Map<String, Long> used = new java.util.HashMap<>();
        long elapsed = 0;
        for (String tenant : done) {
            long c = cost.get(tenant).toNanos();
            if (elapsed + c > window.toNanos()) break;
            elapsed += c;
            used.merge(tenant, c, Long::sum);
        }
        return used;
    }

    @Test
    void refusesAtOnceWhatCannotStartBeforeTheMaxWait() throws Exception {
        FakeTicker ticker = new FakeTicker();
        try (RenderPool pool = pool(1, Duration.ofSeconds(5), Map.of(), Long.MAX_VALUE, ticker)) {
            for (int i = 0; i < 5; i++) pool.run("slow", () -> { ticker.advance(Duration.ofSeconds(6)); return null; });
            CountDownLatch started = new CountDownLatch(1);
            callers.submit(() -> pool.run("slow", () -> { started.countDown(); release.await(); return null; }));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            // "slow" averages ~4.59 s, so the thread is free in ~4.59 s; "b"'s 50 ms renders fit their 0.5 s
            // target until the ninth queued would start after 4.59 + 9 x 0.05 > 5 s
            List<Future<Object>> b = PoolCalls.submitOneByOne(callers, pool, "b", 10, () -> "b ok");
            assertThat(pool.queued()).isEqualTo(9);
            assertThatThrownBy(() -> b.get(9).get()).cause().isInstanceOf(OverloadedException.class)
                    .hasMessageContaining("longer than the 5000 ms a render may wait");
            release.countDown();
            for (int i = 0; i < 9; i++) assertThat(b.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("b ok");
        }
    }


    @Test
    void aTenantOfLongRendersLeavesTheLastThreadToOthers() throws Exception {
        FakeTicker ticker = new FakeTicker();
        try (RenderPool pool = pool(2, Duration.ofSeconds(30), Map.of(), Long.MAX_VALUE, ticker)) {
            pool.run("quiet", () -> null); // a tenant seen before
            pool.run("heavy", () -> { ticker.advance(Duration.ofSeconds(2)); return null; });
            CountDownLatch started = new CountDownLatch(1);
            callers.submit(() -> pool.run("heavy", () -> { started.countDown(); release.await(); return null; }));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            callers.submit(() -> pool.run("heavy", () -> { release.await(); return null; }));
            awaitQueued(pool, 1);
            assertThat(pool.active()).isEqualTo(1);
            assertThat(callers.submit(() -> pool.run("quiet", () -> "quiet ok")).get(5, TimeUnit.SECONDS))
                    .isEqualTo("quiet ok");
        }
    }

    @Test
    void theMemoryBudgetRefusesWhatNeverFitsAndQueuesWhatDoesNotFitYet() throws Exception {
        try (RenderPool pool = pool(2, Duration.ofSeconds(30), Map.of(), 100, new FakeTicker())) {
            assertThatThrownBy(() -> pool.run("a", 101, () -> 1)).isInstanceOf(ImageException.class)
                    .extracting(e -> ((ImageException) e).reason()).isEqualTo(ImageException.Reason.OVER_MEMORY_BUDGET);
            CountDownLatch started = new CountDownLatch(1);
            callers.submit(() -> pool.run("a", 60, () -> { started.countDown(); release.await(); return null; }));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(pool.memoryInUse()).isEqualTo(60);
            Future<Object> second = callers.submit(() -> pool.run("b", 60, () -> "second ok"));
            awaitQueued(pool, 1);
            assertThat(pool.run("c", 40, () -> "fits beside it")).isEqualTo("fits beside it");
            assertThat(second).isNotDone(); // a thread is free, the memory is not
            release.countDown();
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second ok");
        }
    }

    private static RenderPool pool(int threads, Duration maxWait, Map<String, Integer> weights, long memory,
                                   FakeTicker ticker) {
        return new RenderPool(threads, 2000, maxWait, weights, memory, ticker);
    }
}
