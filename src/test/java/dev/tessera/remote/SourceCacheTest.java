package dev.tessera.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.testing.TestOrigin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP caching of fetched sources (RFC 9111/5861) against a real origin, time moved by a test clock. */
class SourceCacheTest {
    @TempDir
    Path dir;
    TestOrigin origin;
    Fixture f;

    @BeforeEach
    void start() throws Exception {
        origin = TestOrigin.start();
        f = new Fixture(dir, Fixture.settings());
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
        origin.close();
    }

    @Test
    void aFreshEntryAsksTheOriginNothing() throws Exception {
        origin.image("/a.png", Fixture.RED, "Cache-Control", "max-age=600");
        assertThat(f.fetch(origin.url("/a.png")).result()).isEqualTo(SourceCacheResult.MISS);
        f.time.advance(Duration.ofSeconds(599));
        Fetched again = f.fetch(origin.url("/a.png"));
        assertThat(again.result()).isEqualTo(SourceCacheResult.HIT);
        assertThat(again.source().header().width()).isEqualTo(40);
        assertThat(origin.hits("/a.png")).isEqualTo(1);
    }

    @Test
    void revalidationSendsTheValidatorsAndReusesTheBodyOn304() throws Exception {
        origin.on("/a.png", ctx -> {
            ctx.header("Cache-Control", "max-age=10").header("ETag", "\"v1\"")
                    .header("Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT");
            if ("\"v1\"".equals(ctx.header("If-None-Match"))) ctx.status(304);
            else ctx.result(Fixture.RED);
        });
        Fetched first = f.fetch(origin.url("/a.png"));
        f.time.advance(Duration.ofSeconds(11));
        Fetched second = f.fetch(origin.url("/a.png"));
        assertThat(second.result()).isEqualTo(SourceCacheResult.REVALIDATED);
        assertThat(second.source().contentId()).isEqualTo(first.source().contentId());
        assertThat(origin.requests("/a.png").get(1)).containsEntry("If-None-Match", "\"v1\"")
                .containsEntry("If-Modified-Since", "Tue, 01 Dec 2026 10:00:00 GMT");
        assertThat(f.fetch(origin.url("/a.png")).result()).as("fresh again after the 304").isEqualTo(SourceCacheResult.HIT);
        assertThat(f.sources.fetch(java.net.URI.create(origin.url("/a.png")), null, deadline()).source().open().size())
                .isEqualTo(Fixture.RED.length);
    }

    @Test
    void aChangedEtagBringsTheNewBody() throws Exception {
        origin.image("/a.png", Fixture.RED, "Cache-Control", "max-age=10", "ETag", "\"red\"");
        Fetched red = f.fetch(origin.url("/a.png"));
        origin.image("/a.png", Fixture.BLUE, "Cache-Control", "max-age=10", "ETag", "\"blue\"");
        f.time.advance(Duration.ofSeconds(11));
        Fetched blue = f.fetch(origin.url("/a.png"));
        assertThat(blue.result()).isEqualTo(SourceCacheResult.MISS);
        assertThat(blue.source().contentId()).isNotEqualTo(red.source().contentId());
    }

    @Test
    void staleWhileRevalidateServesAtOnceAndRefreshesInTheBackground() throws Exception {
        origin.image("/a.png", Fixture.RED, "Cache-Control", "max-age=10, stale-while-revalidate=100");
        f.fetch(origin.url("/a.png"));
        origin.image("/a.png", Fixture.BLUE, "Cache-Control", "max-age=10, stale-while-revalidate=100");
        f.time.advance(Duration.ofSeconds(50));
        Fetched stale = f.fetch(origin.url("/a.png"));
        assertThat(stale.result()).isEqualTo(SourceCacheResult.STALE);
        assertThat(stale.source().open().size()).isEqualTo(Fixture.RED.length);
        Fetched refreshed = awaitResult(SourceCacheResult.HIT);
        assertThat(refreshed.result()).isEqualTo(SourceCacheResult.HIT);
        assertThat(refreshed.source().contentId()).as("the background refresh brought the new body")
                .isNotEqualTo(stale.source().contentId());
    }

    @Test
    void staleIfErrorServesTheOldCopyWhileTheOriginFailsThenGivesUp() throws Exception {
        origin.image("/a.png", Fixture.RED, "Cache-Control", "max-age=10, stale-if-error=100");
        f.fetch(origin.url("/a.png"));
        origin.on("/a.png", ctx -> ctx.status(503).result("down"));
        f.time.advance(Duration.ofSeconds(60));
        assertThat(f.fetch(origin.url("/a.png")).result()).isEqualTo(SourceCacheResult.STALE);
        f.time.advance(Duration.ofSeconds(60)); // past max-age + stale-if-error (grace 0)
        assertThatThrownBy(() -> f.fetch(origin.url("/a.png"))).isInstanceOfSatisfying(RemoteFetchException.class,
                e -> assertThat(e.kind()).isEqualTo(RemoteFetchException.Kind.FAILED));
    }

    @Test
    void staleIsServedWhileTheOriginIsGone() throws Exception {
        origin.image("/a.png", Fixture.RED, "Cache-Control", "max-age=10, stale-if-error=3600");
        String url = origin.url("/a.png");
        f.fetch(url);
        origin.close(); // connection refused from now on
        f.time.advance(Duration.ofSeconds(30));
        assertThat(f.fetch(url).result()).isEqualTo(SourceCacheResult.STALE);
    }

    @Test
    void anOriginNotFoundDropsTheEntry() throws Exception {
        origin.image("/a.png", Fixture.RED, "Cache-Control", "max-age=10, stale-if-error=3600");
        f.fetch(origin.url("/a.png"));
        origin.on("/a.png", ctx -> ctx.status(404));
        f.time.advance(Duration.ofSeconds(11));
        assertThatThrownBy(() -> f.fetch(origin.url("/a.png"))).isInstanceOfSatisfying(RemoteFetchException.class,
                e -> assertThat(e.kind()).isEqualTo(RemoteFetchException.Kind.NOT_FOUND));
    }

    @Test
    void anOriginNotFoundIsRememberedForTheNotFoundTtlThenAskedAgain() throws Exception {
        String url = origin.url("/late.png");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> f.fetch(url)).isInstanceOfSatisfying(RemoteFetchException.class,
                    e -> assertThat(e.kind()).isEqualTo(RemoteFetchException.Kind.NOT_FOUND));
            f.time.advance(Duration.ofSeconds(29));
        }
        assertThat(origin.hits("/late.png")).as("replays inside 60 s ask the origin nothing").isEqualTo(1);
        origin.image("/late.png", Fixture.RED);
        f.time.advance(Duration.ofSeconds(4)); // 91 s after the 404: forgotten
        assertThat(f.fetch(url).result()).isEqualTo(SourceCacheResult.MISS);
        assertThat(origin.hits("/late.png")).isEqualTo(2);
    }

    @Test
    void freshnessIsClampedToTheConfiguredTtls() {
        Freshness.Policy policy = new Freshness.Policy(60, 3600, 600);
        assertThat(fresh("max-age=5", policy)).isEqualTo(60);
        assertThat(fresh("max-age=999999", policy)).isEqualTo(3600);
        assertThat(fresh("no-cache", policy)).isEqualTo(60);
        assertThat(fresh(null, policy)).isEqualTo(600);
        assertThat(fresh("s-maxage=120, max-age=5", policy)).isEqualTo(120);
        OriginHeaders expires = new OriginHeaders(null, null, null, "Tue, 01 Dec 2026 11:00:00 GMT",
                "Tue, 01 Dec 2026 10:50:00 GMT", "100");
        assertThat(Freshness.of(expires, policy).freshMillis()).isEqualTo(500_000);
    }

    private static long fresh(String cacheControl, Freshness.Policy policy) {
        return Freshness.of(new OriginHeaders(null, null, cacheControl, null, null, null), policy).freshMillis() / 1000;
    }

    /** Fetches until the entry answers {@code result} (a background refresh landing), for at most 10 s. */
    private Fetched awaitResult(SourceCacheResult result) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Fetched fetched = f.fetch(origin.url("/a.png"));
            if (fetched.result() == result && origin.hits("/a.png") > 1 || System.nanoTime() > until) return fetched;
            Thread.sleep(20);
        }
    }

    private static long deadline() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    }
}
