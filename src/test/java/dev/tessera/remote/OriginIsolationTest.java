package dev.tessera.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.scheduling.OverloadedException;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.testing.TestOrigin;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Origins are isolated in the render pool (a source's render key names its origin) and a fetch is shed before
 * it reaches the origin when its render would be refused. A real pool on the test ticker: orders and counts only.
 */
class OriginIsolationTest {
    @TempDir
    Path dir;
    TestOrigin first;
    TestOrigin second;
    RenderPool pool;
    Fixture f;

    @BeforeEach
    void start() throws Exception {
        first = TestOrigin.start();
        second = TestOrigin.start();
        while (key(first).equals(key(second))) { // two origins may share a key (1 in 256): take another port
            second.close();
            second = TestOrigin.start();
        }
        first.image("/a.png", Fixture.RED);
        second.image("/b.png", Fixture.BLUE);
    }

    private static String key(TestOrigin origin) {
        return CachingFetcher.renderKey(RemoteSources.ANONYMOUS, URI.create(origin.url("/")));
    }

    @AfterEach
    void stop() throws Exception {
        if (pool != null) pool.close();
        f.close();
        first.close();
        second.close();
    }

    @Test
    void oneOriginsFloodOfRendersDoesNotStarveAnothers() throws Exception {
        f = new Fixture(dir, Fixture.settings());
        pool = new RenderPool(1, 32, Duration.ofSeconds(60), Map.of(), Long.MAX_VALUE, f.time);
        String flooding = f.fetch(first.url("/a.png")).source().owner();
        String other = f.fetch(second.url("/b.png")).source().owner();
        assertThat(flooding).startsWith(RemoteSources.ANONYMOUS + "|").isNotEqualTo(other);

        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<?>> jobs = new ArrayList<>();
        jobs.add(submit(flooding, () -> {
            running.countDown();
            release.await(30, TimeUnit.SECONDS);
            f.time.advance(Duration.ofSeconds(1)); // the flooding origin's render took 1 s of render time
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        List<String> order = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 10; i++) jobs.add(queued(flooding, () -> order.add("flood")));
        jobs.add(queued(other, () -> order.add("other")));
        release.countDown();
        CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(order).hasSize(11);
        assertThat(order.indexOf("other")).as("the other origin's render, queued last, goes first").isZero();
    }

    @Test
    void aFetchWhoseRenderWouldBeRefusedIsShedBeforeTheOriginIsAsked() throws Exception {
        pool = new RenderPool(1, 32, Duration.ofMillis(500), Map.of(), Long.MAX_VALUE, new TestTime());
        f = new Fixture(dir, Fixture.settings(), pool::refuseIfOverloaded);
        String busyKey = key(first);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<?>> jobs = new ArrayList<>();
        jobs.add(submit(busyKey, () -> {
            running.countDown();
            release.await(30, TimeUnit.SECONDS);
        }));
        try {
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Object> last;
            int before;
            do { // the origin's key queues renders until the pool refuses one, whatever its rule
                before = pool.queued();
                last = submit(busyKey, () -> {});
                jobs.add(last);
            } while (queuedOrRefused(last, before) && jobs.size() < 32);
            assertThat(last).as("the pool refused a render of that origin").isCompletedExceptionally();

            assertThatThrownBy(() -> f.fetch(first.url("/a.png"))).isInstanceOf(OverloadedException.class);
            assertThat(first.hits()).as("shed before any origin request").isZero();
            assertThat(f.fetch(second.url("/b.png")).source().header().width())
                    .as("another origin's render would get its share: fetched").isEqualTo(40);
            assertThat(second.hits()).isEqualTo(1);
        } finally {
            release.countDown();
        }
        for (CompletableFuture<?> job : jobs) job.handle((r, e) -> r).get(30, TimeUnit.SECONDS);
        assertThat(f.fetch(first.url("/a.png")).source().header().width()).as("admitted again once drained")
                .isEqualTo(40);
    }

    interface Work {
        void run() throws Exception;
    }

    private CompletableFuture<Object> submit(String key, Work work) {
        return CompletableFuture.supplyAsync(() -> pool.run(key, () -> {
            work.run();
            return null;
        }), runnable -> Thread.ofVirtual().start(runnable));
    }

    /** Waits until the pool queued {@code job} (true: more than {@code before} queued) or refused it (false). */
    private boolean queuedOrRefused(CompletableFuture<Object> job, int before) throws InterruptedException {
        for (int i = 0; i < 1000 && !job.isCompletedExceptionally(); i++) {
            if (pool.queued() > before) return true;
            Thread.sleep(5);
        }
        return false;
    }

    /** Submits a job and waits until the pool holds it in its queue (so queue order is submission order). */
    private CompletableFuture<Object> queued(String key, Work work) throws InterruptedException {
        int before = pool.queued();
        CompletableFuture<Object> job = submit(key, work);
        for (int i = 0; i < 1000 && pool.queued() == before; i++) Thread.sleep(5);
        assertThat(pool.queued()).as("queued").isEqualTo(before + 1);
        return job;
    }
}
