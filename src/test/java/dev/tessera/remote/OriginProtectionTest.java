package dev.tessera.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.testing.TestOrigin;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Breakers and bulkheads: a bad origin fails fast and holds few slots, the others are unaffected. */
class OriginProtectionTest {
    @TempDir
    Path dir;
    TestOrigin slow;
    TestOrigin fast;
    Fixture f;

    @BeforeEach
    void start() throws Exception {
        slow = TestOrigin.start();
        fast = TestOrigin.start();
        slow.on("/hang.png", ctx -> slow.hang());
        fast.image("/a.png", Fixture.RED, "Cache-Control", "no-store");
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
        slow.close();
        fast.close();
    }

    @Test
    void aSlowOriginsBreakerTripsWhileAnotherOriginKeepsAnswering() throws Exception {
        f = new Fixture(dir, Fixture.settings(300, 4, 2));
        for (int i = 0; i < 2; i++) assertKind(slow.url("/hang.png?" + i), RemoteFetchException.Kind.TIMEOUT);
        assertThat(slow.hits()).isEqualTo(2);
        RemoteFetchException fastFail = assertKind(slow.url("/hang.png?2"), RemoteFetchException.Kind.FAILED);
        assertThat(fastFail.retryAfterSeconds()).isBetween(1L, 31L);
        assertThat(slow.hits()).as("a tripped origin is not asked").isEqualTo(2);
        assertThat(f.fetch(fast.url("/a.png")).result()).isEqualTo(SourceCacheResult.MISS);
        assertThat(f.metrics.scrape()).contains("tessera_remote_breaker_state{origin=\"127.0.0.1:" + slow.port() + "\"} 1.0");

        f.time.advance(Duration.ofSeconds(31)); // half-open: one probe goes through
        slow.image("/hang.png", Fixture.BLUE);
        assertThat(f.fetch(slow.url("/hang.png")).result()).isEqualTo(SourceCacheResult.MISS);
        assertThat(f.fetch(slow.url("/hang.png?again")).result()).as("closed again").isEqualTo(SourceCacheResult.MISS);
    }

    @Test
    void aTrippedOriginsRetryAfterIsHonoured() throws Exception {
        f = new Fixture(dir, Fixture.settings(1000, 4, 1));
        slow.on("/busy.png", ctx -> ctx.status(503).header("Retry-After", "120"));
        assertKind(slow.url("/busy.png"), RemoteFetchException.Kind.FAILED);
        f.time.advance(Duration.ofSeconds(60)); // past breakerOpenSeconds (30), not past Retry-After
        assertThat(assertKind(slow.url("/busy.png"), RemoteFetchException.Kind.FAILED).retryAfterSeconds())
                .isBetween(55L, 61L);
        assertThat(slow.hits()).isEqualTo(1);
    }

    @Test
    void anOriginGetsNoMoreThanItsSlotsAndWaitingCountsAgainstTheDeadline() throws Exception {
        f = new Fixture(dir, Fixture.settings(5000, 1, 5));
        CompletableFuture<Fetched> holding = CompletableFuture.supplyAsync(() -> fetchQuietly(slow.url("/hang.png")));
        awaitHits(slow, 1);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        assertThatThrownBy(() -> f.sources.fetch(URI.create(slow.url("/hang.png?other")), null, deadline))
                .isInstanceOfSatisfying(RemoteFetchException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RemoteFetchException.Kind.BUSY);
                    assertThat(e.retryAfterSeconds()).isPositive();
                });
        assertThat(f.fetch(fast.url("/a.png")).result()).as("another origin has its own slots")
                .isEqualTo(SourceCacheResult.MISS);
        assertThat(slow.hits()).isEqualTo(1);
        slow.close();
        holding.handle((r, e) -> r).join();
    }

    @Test
    void renderThreadsNeverWaitOnTheNetwork() throws Exception {
        f = new Fixture(dir, Fixture.settings(5000, 4, 5));
        CountDownLatch sent = new CountDownLatch(1);
        slow.on("/trickle.png", ctx -> {
            ctx.res().getOutputStream().write(Fixture.RED, 0, 100); // the format is known, the body is not complete
            ctx.res().flushBuffer();
            sent.countDown();
            slow.hang();
        });
        CompletableFuture<Fetched> fetching = CompletableFuture.supplyAsync(() -> fetchQuietly(slow.url("/trickle.png")));
        assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(f.pool.run(() -> "rendered")).as("the only render thread is free").isEqualTo("rendered");
        assertThat(f.pool.active()).isZero();
        assertThat(fetching).isNotDone();
        slow.close();
        fetching.handle((r, e) -> r).join();
    }

    @Test
    void fetchesNeverWaitOnABusyRenderPool() throws Exception {
        f = new Fixture(dir, Fixture.settings(5000, 4, 5));
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> render = CompletableFuture.supplyAsync(() -> f.pool.run(() -> {
            busy.countDown();
            return release.await(30, TimeUnit.SECONDS);
        }));
        try {
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
            Fetched fetched = f.fetch(fast.url("/a.png")); // its header checks need no render thread
            assertThat(fetched.source().header().width()).isEqualTo(40);
            assertThat(render).isNotDone();
        } finally {
            release.countDown();
        }
        render.join();
    }

    private RemoteFetchException assertKind(String url, RemoteFetchException.Kind kind) {
        RemoteFetchException[] thrown = new RemoteFetchException[1];
        assertThatThrownBy(() -> f.fetch(url)).isInstanceOfSatisfying(RemoteFetchException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            thrown[0] = e;
        });
        return thrown[0];
    }

    private Fetched fetchQuietly(String url) {
        try {
            return f.fetch(url);
        } catch (Exception e) {
            return null;
        }
    }

    private static void awaitHits(TestOrigin origin, int hits) throws InterruptedException {
        for (int i = 0; i < 500 && origin.hits() < hits; i++) Thread.sleep(10);
        assertThat(origin.hits()).isEqualTo(hits);
    }
}
