package dev.tessera.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Admission with a fake ticker: a busy queue is queued (half the max wait); under overload an admitted render waits at most about half of one. */
class RenderPoolAdmissionTest {
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final FakeTicker ticker = new FakeTicker();

    @AfterEach
    void stop() {
        release.countDown();
        callers.shutdownNow();
    }

    @Test
    void aClosedLoopOfFourClientsPerThreadIsQueuedNotRefused() throws Exception {
        try (RenderPool pool = pool(2)) {
            train(pool, "c", Duration.ofMillis(600));
            CountDownLatch started = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                callers.submit(() -> pool.run("c", () -> { started.countDown(); release.await(); return "ok"; }));
            }
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            // eight clients on two threads: the last of the six queued finds 5 x 600 ms / 2 = 1.5 s ahead
            List<Future<Object>> queued = PoolCalls.submitOneByOne(callers, pool, "c", 6, () -> "ok");
            assertThat(pool.queued()).isEqualTo(6);
            assertThat(pool.rejected()).isZero();
            assertThat(pool.refusing()).isFalse();
            release.countDown();
            for (Future<Object> f : queued) assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        }
    }

    @Test
    void onceRefusedATenantIsAdmittedOnlyWhenItsRenderWouldWaitAtMostHalfARenderUntilAHoldPassesWithoutRefusals()
            throws Exception {
        try (RenderPool pool = pool(1)) {
            train(pool, "flood", Duration.ofMillis(100));
            blockTheThread(pool); // a "blocker" render of ~50 ms (a first guess) is running
            // not refused lately: up to half the max wait of its ~100 ms renders is queued, then refusals start
            List<Future<Object>> burst = PoolCalls.submitOneByOne(callers, pool, "flood", 30, () -> "ok");
            int admitted = pool.queued();
            assertThat(admitted).isEqualTo(26);
            assertThat(pool.rejected()).isEqualTo(30 - admitted);
            // its callers give up on all but one queued render: the tenant is still refused lately, and a new render
            // would wait for the running one and that queued one: ~150 ms, over half of one of its ~100 ms renders
            burst.stream().skip(1).forEach(f -> f.cancel(true));
            awaitQueued(pool, 1);
            assertThatThrownBy(() -> pool.run("flood", () -> "behind a queued render"))
                    .isInstanceOf(OverloadedException.class).hasMessageContaining("this queue is kept to while refusing");
            // nothing queued: it would wait for the rest of the running render, ~50 ms: over half a render (~49.9 ms)
            burst.getFirst().cancel(true);
            awaitQueued(pool, 0);
            assertThatThrownBy(() -> pool.run("flood", () -> "behind most of a render"))
                    .isInstanceOf(OverloadedException.class).hasMessageContaining("over the half render (49 ms)");
            // 10 ms on, ~40 ms of it is left: within half a render
            ticker.advance(Duration.ofMillis(10));
            Future<Object> next = callers.submit(() -> pool.run("flood", () -> "ok"));
            awaitQueued(pool, 1);
            assertThatThrownBy(() -> pool.run("flood", () -> "behind it"))
                    .isInstanceOf(OverloadedException.class).hasMessageContaining("this queue is kept to while refusing");
            // a fifth of the max wait without a refusal: back to the lenient target
            ticker.advance(Duration.ofMillis(1001));
            List<Future<Object>> later = PoolCalls.submitOneByOne(callers, pool, "flood", 2, () -> "ok");
            assertThat(pool.queued()).isEqualTo(3);
            release.countDown();
            for (Future<Object> f : List.of(next, later.get(0), later.get(1))) {
                assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
            }
        }
    }

    @Test
    void whileRefusedTheRunningRenderCountsSoALongOneKeepsOutEvenATenantWithNothingQueued() throws Exception {
        try (RenderPool pool = pool(1)) {
            train(pool, "long", Duration.ofMillis(800));
            train(pool, "flood", Duration.ofMillis(100));
            CountDownLatch started = new CountDownLatch(1);
            callers.submit(() -> pool.run("long", () -> { started.countDown(); release.await(); return null; }));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            List<Future<Object>> burst = PoolCalls.submitOneByOne(callers, pool, "flood", 30, () -> "ok");
            assertThat(pool.rejected()).as("half the max wait of flood's renders was queued").isPositive();
            burst.forEach(f -> f.cancel(true));
            awaitQueued(pool, 0);
            // nothing queued, but the running render has ~800 ms to go: over one of flood's ~100 ms renders
            assertThatThrownBy(() -> pool.run("flood", () -> "waits for a long render"))
                    .isInstanceOfSatisfying(OverloadedException.class, e -> assertThat(e.retryAfterMillis())
                            .as("the running render's remaining time").isBetween(750L, 800L));
            ticker.advance(Duration.ofMillis(760)); // the long render is due in ~40 ms: within half a flood render
            Future<Object> admitted = callers.submit(() -> pool.run("flood", () -> "ok"));
            awaitQueued(pool, 1);
            release.countDown();
            assertThat(admitted.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        }
    }

    @Test
    void whileRefusedALargeRunningRenderIsExpectedToRunAsLongAsTheTenantsLargeRendersNotItsAverage() throws Exception {
        try (RenderPool pool = pool(1)) {
            train(pool, "mixed", 1_000_000, Duration.ofMillis(200));
            train(pool, "mixed", 10_000, Duration.ofMillis(20)); // its average is now ~21 ms
            Future<Object> large = runUntilReleased(pool, "mixed", 1_000_000);
            beRefused(pool, "mixed", 200);
            ticker.advance(Duration.ofMillis(150)); // ~50 ms of the large render left: over half a render (~10 ms)
            Future<Object> refused = callers.submit(() -> pool.run("mixed", () -> "behind most of a large render"));
            assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(OverloadedException.class)
                    .hasMessageContaining("over the half render (10 ms)");
            ticker.advance(Duration.ofMillis(45)); // ~5 ms left
            Future<Object> admitted = callers.submit(() -> pool.run("mixed", () -> "ok"));
            awaitQueued(pool, 1);
            release.countDown();
            assertThat(admitted.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
            assertThat(large.get(5, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void whileRefusedASmallRunningRenderIsExpectedToEndSoonWhateverTheTenantsAverage() throws Exception {
        try (RenderPool pool = pool(1)) {
            train(pool, "mixed", 10_000, Duration.ofMillis(20));
            train(pool, "mixed", 1_000_000, Duration.ofMillis(200)); // its average is now ~200 ms
            runUntilReleased(pool, "mixed", 10_000);
            beRefused(pool, "mixed", 30);
            // the small render just started: ~20 ms left, within half a render (~100 ms)
            Future<Object> admitted = callers.submit(() -> pool.run("mixed", () -> "ok"));
            awaitQueued(pool, 1);
            release.countDown();
            assertThat(admitted.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        }
    }

    @Test
    void twoTenantsBeingRefusedShareOneQueuedRenderBetweenThem() throws Exception {
        try (RenderPool pool = pool(1)) {
            train(pool, "a", Duration.ofMillis(100));
            train(pool, "b", Duration.ofMillis(100));
            blockTheThread(pool);
            for (String tenant : List.of("a", "b")) {
                PoolCalls.submitOneByOne(callers, pool, tenant, 30, () -> "ok").forEach(f -> f.cancel(true));
                awaitQueued(pool, 0); // the cancelled leave the queue before the next burst counts it
            }
            ticker.advance(Duration.ofMillis(10)); // the running render (~50 ms) is due in ~40 ms: within half a render
            assertThat(pool.refusalWhileRefused("a")).as("both are being refused, nothing queued").isZero();
            Future<Object> a = callers.submit(() -> pool.run("a", () -> "a ok"));
            awaitQueued(pool, 1);
            // b has nothing queued, but a's render is ahead of it as well as the running one: ~140 ms
            assertThatThrownBy(() -> pool.run("b", () -> "b")).isInstanceOf(OverloadedException.class);
            assertThat(pool.refusalWhileRefused("b")).isPositive();
            release.countDown();
            assertThat(a.get(5, TimeUnit.SECONDS)).isEqualTo("a ok");
        }
    }

    @Test
    void whileRefusedARenderIsNotRefusedForBackgroundWorkOnlyForRequestsRendersAhead() throws Exception {
        try (RenderPool pool = pool(1)) {
            train(pool, "flood", Duration.ofMillis(100));
            CountDownLatch started = new CountDownLatch(1);
            // an upload's background work of the same tenant (its ~100 ms average) holds the only thread
            callers.submit(() -> RenderPool.inBackground(() -> pool.run("flood", () -> {
                started.countDown();
                release.await();
                return null;
            })));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            PoolCalls.submitOneByOne(callers, pool, "flood", 30, () -> "ok").forEach(f -> f.cancel(true));
            awaitQueued(pool, 0);
            assertThat(pool.rejected()).as("the burst was partly refused").isPositive();
            // being refused, and ~100 ms of the background job to go: a lone render is admitted all the same
            assertThat(pool.refusalWhileRefused("flood")).isZero();
            Future<Object> lone = callers.submit(() -> pool.run("flood", () -> "ok"));
            awaitQueued(pool, 1);
            // but a request's render queued ahead (~100 ms) still counts
            assertThatThrownBy(() -> pool.run("flood", () -> "behind the lone one"))
                    .isInstanceOf(OverloadedException.class).hasMessageContaining("this queue is kept to while refusing");
            release.countDown();
            assertThat(lone.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        }
    }

    /** OverloadTest's lone render after a burst: a baseline copy queued in the only place must not refuse it. */
    @Test
    void backgroundWorkQueuedNeverTakesARequestsPlaceInTheQueue() throws Exception {
        try (RenderPool pool = new RenderPool(1, 1, MAX_WAIT, Map.of(), Long.MAX_VALUE, ticker)) {
            blockTheThread(pool);
            Future<?> background = callers.submit(() -> RenderPool.inBackground(() -> pool.run("t", () -> "copy")));
            awaitQueued(pool, 1);
            // the queue's one place holds background work: a request's render is queued all the same
            Future<Object> request = callers.submit(() -> pool.run("t", () -> "ok"));
            awaitQueued(pool, 2);
            assertThatThrownBy(() -> pool.run("t", () -> "a second request")).isInstanceOf(OverloadedException.class)
                    .hasMessageContaining("1 render threads are busy and 1 renders are waiting");
            assertThatThrownBy(() -> RenderPool.inBackground(() -> pool.run("t", () -> "more background work")))
                    .isInstanceOf(OverloadedException.class);
            release.countDown();
            assertThat(request.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
            background.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void whileThePoolRefusesOneTenantAnotherQueuesNoBurstAheadOfItsRenders() throws Exception {
        try (RenderPool pool = pool(1)) {
            train(pool, "flood", Duration.ofMillis(100));
            train(pool, "burst", Duration.ofMillis(100));
            blockTheThread(pool);
            PoolCalls.submitOneByOne(callers, pool, "flood", 30, () -> "ok").forEach(f -> f.cancel(true));
            awaitQueued(pool, 0);
            assertThat(pool.refusing()).isTrue();
            // "burst" was never refused: its first render finds nothing of its own queued, its second one render of
            // its own ahead (within one render), the rest more: refused, though 8 x 100 ms is within half the max wait
            List<Future<Object>> burst = PoolCalls.submitOneByOne(callers, pool, "burst", 8, () -> "ok");
            assertThat(pool.queued()).isEqualTo(2);
            assertThatThrownBy(() -> burst.get(2).get()).cause().isInstanceOf(OverloadedException.class)
                    .hasMessageContaining("over the 99 ms this queue is kept to");
            // a fifth of the max wait without a refusal: a burst is queued again
            ticker.advance(Duration.ofMillis(1001));
            List<Future<Object>> later = PoolCalls.submitOneByOne(callers, pool, "later", 8, () -> "ok");
            assertThat(pool.queued()).isEqualTo(10);
            release.countDown();
            for (Future<Object> f : later) assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        }
    }

    @Test
    void refusesAtOnceWhatWouldQueueBeyondHalfTheMaxWait() throws Exception {
        try (RenderPool pool = pool(1)) {
            train(pool, "a", Duration.ofSeconds(1));
            CountDownLatch started = new CountDownLatch(1);
            callers.submit(() -> pool.run("a", () -> { started.countDown(); release.await(); return null; }));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            ticker.advance(Duration.ofSeconds(2)); // the running render overran: the thread is due now
            // "a" averages ~1 s: its fourth queued render would find ~3 s ahead, over the 2.5 s target, though
            // its predicted wait (~3 s) is within the max wait
            List<Future<Object>> a = PoolCalls.submitOneByOne(callers, pool, "a", 4, () -> "a ok");
            assertThat(pool.queued()).isEqualTo(3);
            assertThatThrownBy(() -> a.get(3).get()).cause().isInstanceOf(OverloadedException.class)
                    .hasMessageContaining("over the 2500 ms this queue is kept to")
                    .satisfies(e -> assertThat(((OverloadedException) e).retryAfterMillis()).isBetween(2900L, 3000L));
            Future<Object> quiet = callers.submit(() -> pool.run("quiet", () -> "quiet ok"));
            awaitQueued(pool, 4);
            release.countDown();
            assertThat(quiet.get(5, TimeUnit.SECONDS)).isEqualTo("quiet ok");
        }
    }

    @Test
    void aTenantWithNothingQueuedIsHeldOnlyToTheMaxWaitNotToTheTarget() throws Exception {
        try (RenderPool pool = pool(1)) {
            train(pool, "quiet", Duration.ofSeconds(3));
            train(pool, "a", Duration.ofSeconds(1));
            CountDownLatch started = new CountDownLatch(1);
            callers.submit(() -> pool.run("a", () -> { started.countDown(); release.await(); return null; }));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            ticker.advance(Duration.ofSeconds(2));
            List<Future<Object>> a = PoolCalls.submitOneByOne(callers, pool, "a", 4, () -> "a ok");
            assertThat(pool.queued()).isEqualTo(3);
            assertThatThrownBy(() -> a.get(3).get()).cause().isInstanceOf(OverloadedException.class);
            // "quiet" (~3 s renders) finds ~3 s of "a" ahead of it, over the 2.5 s target, but it has nothing
            // queued: it is admitted, as its predicted wait (~3 s) is within the 5 s max wait
            Future<Object> quiet = callers.submit(() -> pool.run("quiet", () -> "quiet ok"));
            awaitQueued(pool, 4);
            release.countDown();
            assertThat(quiet.get(5, TimeUnit.SECONDS)).isEqualTo("quiet ok");
            assertThat(a.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("a ok");
        }
    }

    @Test
    void aBurstIsQueuedToHalfTheMaxWaitAndTheRestRefusedAtAdmission() throws Exception {
        try (RenderPool pool = pool(2)) {
            blockTheThread(pool);
            blockTheThread(pool);
            // 200 renders at once, each expected to take 50 ms (a first guess) and taking 25 ms
            List<Future<Object>> burst = PoolCalls.submitOneByOne(callers, pool, "flood", 200, () -> {
                ticker.advance(Duration.ofMillis(25));
                return "ok";
            });
            // no time has passed: every refusal so far was made at admission; 101 x 25 ms per thread <= 2.5 s
            long refused = burst.stream().filter(Future::isDone).count();
            assertThat(refused).isEqualTo(pool.rejected()).isEqualTo(200 - 101);
            List<Future<Object>> admitted = burst.stream().filter(f -> !f.isDone()).toList();
            // the running renders overran their prediction by 2 s; the admitted ones still start in time
            ticker.advance(Duration.ofSeconds(2));
            release.countDown();
            for (Future<Object> f : admitted) assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
            assertThat(pool.rejected()).isEqualTo(refused);
        }
    }

    @Test
    void refusalWhileRefusedAnswersOnlyForATenantBeingRefused() throws Exception {
        try (RenderPool pool = pool(1)) {
            blockTheThread(pool);
            assertThat(pool.refusing()).isFalse();
            PoolCalls.submitOneByOne(callers, pool, "flood", 50, () -> "ok"); // 50 x 50 ms: within the lenient target
            assertThat(pool.refusalWhileRefused("flood")).isZero(); // a long queue, but not refused yet
            PoolCalls.submitOneByOne(callers, pool, "flood", 2, () -> "ok");
            long refusedBefore = pool.rejected();
            assertThat(refusedBefore).isEqualTo(1);
            assertThat(pool.refusing()).isTrue();
            assertThat(pool.refusalWhileRefused("flood")).isBetween(2500L, 2700L);
            assertThat(pool.rejected()).isEqualTo(refusedBefore + 1);
            assertThat(pool.refusalWhileRefused("other")).isZero();
            ticker.advance(Duration.ofMillis(1001));
            assertThat(pool.refusing()).isFalse();
            assertThat(pool.refusalWhileRefused("flood")).isZero();
        }
    }

    /** Runs renders of {@code tenant} taking {@code each} until its average is within 1 % of it. */
    private void train(RenderPool pool, String tenant, Duration each) {
        for (int i = 0; i < 20; i++) pool.run(tenant, () -> { ticker.advance(each); return null; });
    }

    /** Runs renders of {@code pixels} output pixels of {@code tenant} taking {@code each}, as {@link #train}. */
    private void train(RenderPool pool, String tenant, long pixels, Duration each) {
        for (int i = 0; i < 20; i++) pool.run(tenant, 0, pixels, () -> { ticker.advance(each); return null; });
    }

    /** Starts a render of {@code pixels} that runs until {@link #release}. */
    private Future<Object> runUntilReleased(RenderPool pool, String tenant, long pixels) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Future<Object> f = callers.submit(() -> pool.run(tenant, 0, pixels, () -> {
            started.countDown();
            release.await();
            return null;
        }));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        return f;
    }

    /** Queues a burst of {@code tenant} until some of it is refused, then cancels what was queued. */
    private void beRefused(RenderPool pool, String tenant, int burst) throws InterruptedException {
        List<Future<Object>> queued = PoolCalls.submitOneByOne(callers, pool, tenant, burst, () -> "ok");
        assertThat(pool.rejected()).isPositive();
        queued.forEach(f -> f.cancel(true));
        awaitQueued(pool, 0);
    }

    private void blockTheThread(RenderPool pool) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        callers.submit(() -> pool.run("blocker", () -> { started.countDown(); release.await(); return null; }));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static void awaitQueued(RenderPool pool, int n) throws InterruptedException {
        for (int i = 0; i < 500 && pool.queued() != n; i++) Thread.sleep(10);
        assertThat(pool.queued()).isEqualTo(n);
    }


    private RenderPool pool(int threads) {
        return new RenderPool(threads, 2000, MAX_WAIT, Map.of(), Long.MAX_VALUE, ticker);
    }
}
