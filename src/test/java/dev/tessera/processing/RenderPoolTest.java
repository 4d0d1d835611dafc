package dev.tessera.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
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
    void servesTenantsInTurnsNotInArrivalOrder() throws Exception {
        try (RenderPool pool = new RenderPool(1, 16)) {
            blockTheThread(pool);
            List<String> order = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "a" + i;
                callers.submit(() -> pool.run("a", () -> order.add(name)));
                awaitQueued(pool, i + 1);
            }
            Future<?> b = callers.submit(() -> pool.run("b", () -> order.add("b0")));
            awaitQueued(pool, 5);
            release.countDown();
            b.get(5, TimeUnit.SECONDS);
            for (int i = 0; i < 100 && order.size() < 5; i++) Thread.sleep(10);
            assertThat(order).containsExactly("a0", "b0", "a1", "a2", "a3");
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
            Thread.sleep(100);
            assertThat(flood.get(2)).isDone();
            assertThatThrownBy(() -> flood.get(2).get()).hasCauseInstanceOf(OverloadedException.class);
            release.countDown();
            assertThat(polite.get(5, TimeUnit.SECONDS)).isEqualTo("polite ok");
            assertThat(flood.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        }
    }

    @Test
    void refusesJobsThatWaitedTooLong() throws Exception {
        try (RenderPool pool = new RenderPool(1, 4, Duration.ofMillis(50))) {
            blockTheThread(pool);
            Future<Object> late = callers.submit(() -> pool.run("a", () -> "ran"));
            awaitQueued(pool, 1);
            Thread.sleep(150);
            release.countDown();
            assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(OverloadedException.class);
        }
    }

    @Test
    void aHeavierTenantGetsAsManyTurnsInARowAsItsWeight() throws Exception {
        try (RenderPool pool = new RenderPool(1, 16, Duration.ofSeconds(10), java.util.Map.of("heavy", 2))) {
            blockTheThread(pool);
            List<String> order = new CopyOnWriteArrayList<>();
            int queued = 0;
            for (String name : List.of("a0", "a1", "a2", "a3")) {
                callers.submit(() -> pool.run("heavy", () -> order.add(name)));
                awaitQueued(pool, ++queued);
            }
            for (String name : List.of("b0", "b1")) {
                callers.submit(() -> pool.run("light", () -> order.add(name)));
                awaitQueued(pool, ++queued);
            }
            release.countDown();
            for (int i = 0; i < 200 && order.size() < 6; i++) Thread.sleep(10);
            assertThat(order).containsExactly("a0", "a1", "b0", "a2", "a3", "b1");
        }
    }
}
