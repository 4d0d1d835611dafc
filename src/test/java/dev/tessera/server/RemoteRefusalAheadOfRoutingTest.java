package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.config.TesseraConfig;
import dev.tessera.metrics.Metrics;
import dev.tessera.options.OptionsParser;
import dev.tessera.processing.Limits;
import dev.tessera.remote.RemoteSources;
import dev.tessera.scheduling.OverloadedException;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.security.UrlSigner;
import dev.tessera.server.Picture.Rgb;
import dev.tessera.source.Originals;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import dev.tessera.testing.TestOrigin;
import dev.tessera.vips.Vips;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RefusalHandler} on a real Jetty server in front of a handler that counts what reaches the routes: while
 * the render key of a remote source is being refused, a {@code /remote} render of a source not in the cache is
 * answered 503 without reaching them (past a pace, a few milliseconds later); bad input, a cached source and a conditional request still reach them.
 */
class RemoteRefusalAheadOfRoutingTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aRemoteRenderWhoseKeyIsBeingRefusedIsAnsweredAheadOfTheRoutes() throws Exception {
        Vips.init();
        Metrics metrics = new Metrics();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger routed = new AtomicInteger();
        try (TestOrigin origin = TestOrigin.start();
             BlobStore store = BlobStores.filesystem(dir.resolve("store"));
             RenderPool pool = new RenderPool(1, 2, Duration.ofSeconds(20), Map.of(), Long.MAX_VALUE,
                     Ticker.systemTicker());
             RemoteSources sources = RemoteSources.builder(new TesseraConfig.Remote(List.of(), true, 500, 1000, 1000,
                             1_000_000, 0, 86_400, 100, 0, 64, 8, 2, 1.0, 2, 30, "public, max-age=60"))
                     .store(store, true).spoolDir(dir.resolve("spool")).metrics(metrics)
                     .admission(pool::refuseIfOverloaded).build();
             AccessLog accessLog = new AccessLog(metrics, new PrintStream(log, true, StandardCharsets.UTF_8), true, 1000)) {
            origin.image("/cached.png", Images.solidPng(40, 30, Rgb.RED), "Cache-Control", "max-age=3600");
            sources.fetch(URI.create(origin.url("/cached.png")), null, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            OptionsParser parser = new OptionsParser(Map.of());
            SignatureCheck signatures = new SignatureCheck(new UrlSigner(List.of()), true);
            Originals originals = new Originals(store, pool, Limits.DEFAULTS, 1 << 20, dir.resolve("spool"),
                    metrics.registry(), Ticker.systemTicker());
            RefusalHandler refusals = new RefusalHandler(pool, originals, parser, signatures,
                    new RemoteRefusals(sources, parser, signatures), accessLog, metrics, "node-1",
                    new RefusalPace(1, Duration.ofMillis(400), Ticker.systemTicker()));
            refusals.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    routed.incrementAndGet();
                    response.setStatus(204);
                    callback.succeeded();
                    return true;
                }
            });
            Server jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
            jetty.setHandler(refusals);
            jetty.start();
            try {
                String base = "http://127.0.0.1:" + ((org.eclipse.jetty.server.NetworkConnector) jetty.getConnectors()[0])
                        .getLocalPort();
                String fresh = origin.url("/never-fetched.jpg");
                String key = sources.admissionKey(URI.create(fresh), null);
                assertThat(key).isNotNull();
                assertThat(sources.admissionKey(URI.create(origin.url("/cached.png")), null)).isNull();
                // one render running, one of the key and one other queued: the queue is full, so the key's next
                // render is refused, and while it is refused, its queued work is over its target
                Thread.ofVirtual().start(() -> pool.run("other", () -> release.await(10, TimeUnit.SECONDS)));
                while (pool.active() < 1) Thread.sleep(5);
                Thread.ofVirtual().start(() -> pool.run(key, () -> true));
                Thread.ofVirtual().start(() -> pool.run("other", () -> true));
                while (pool.queued() < 2) Thread.sleep(5);
                assertThatThrownBy(() -> pool.run(key, () -> true)).isInstanceOf(OverloadedException.class);

                HttpResponse<String> refused = get(base + remote(fresh, "w=100"), "fast-remote-1");
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(routed).as("the refusal did not reach the routes").hasValue(0);
                long millis = Long.parseLong(refused.headers().firstValue("Retry-After-Ms").orElseThrow());
                assertThat(refused.body()).isEqualTo("{\"error\":{\"code\":\"overloaded\",\"message\":\"the service is "
                        + "busy; retry in about " + millis + " ms\",\"retryAfterMs\":" + millis + "}}");
                assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");
                assertThat(refused.headers().firstValue("X-Request-Id")).hasValue("fast-remote-1");
                long start = System.nanoTime();
                HttpResponse<String> held = get(base + remote(fresh, "w=101"), "fast-remote-2");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                        .as("past its pace (1 a second here), a refusal is held up to the max hold").isGreaterThanOrEqualTo(350);
                assertThat(held.statusCode()).isEqualTo(503);
                assertThat(held.headers().firstValue("X-Request-Id")).hasValue("fast-remote-2");

                assertThat(get(base + remote(fresh, "w=abc"), "bad-option").statusCode()).isEqualTo(204);
                assertThat(get(base + remote("ftp://127.0.0.1/x.jpg", "w=100"), "bad-url").statusCode()).isEqualTo(204);
                assertThat(get(base + remote(origin.url("/cached.png"), "w=100"), "cached").statusCode()).isEqualTo(204);
                assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + remote(fresh, "w=101")))
                        .header("If-None-Match", "\"x\"").build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                        .isEqualTo(204);
                assertThat(routed).as("bad input, a cached source, a conditional request").hasValue(4);
                assertThat(origin.hits("/never-fetched.jpg")).isZero();
            } finally {
                release.countDown();
                jetty.stop();
            }
        }
        String line = log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("fast-remote-1"))
                .findFirst().orElseThrow();
        assertThat(line).contains("\"route\":\"/remote\"", "\"query\":\"url=REDACTED&w=100\"", "\"status\":503",
                "\"origin\":\"127.0.0.1\"", "\"error\":\"overloaded\"").doesNotContain("tenant", "never-fetched");
    }

    static String remote(String url, String query) {
        return "/remote?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&" + query;
    }

    static HttpResponse<String> get(String url, String requestId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("X-Request-Id", requestId).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
