package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendition cache through real HTTP: tiers, validators, single flight, purge, restart, eager presets. */
class RenditionCacheHttpTest {
    @TempDir
    Path data;
    private TestServer server;

    private void start(Path config) {
        server = TestServer.start(data, config);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    private static byte[] photo() {
        try (VipsImage noise = Vips.operation("gaussnoise").set("width", 1600).set("height", 1200).image();
             VipsImage rgb = Vips.operation("bandjoin").set("in", new VipsImage[] {noise, noise, noise}).image()) {
            return Vips.operation("jpegsave_buffer").set("in", rgb).set("interlace", true).blob("buffer");
        }
    }

    private static String xCache(Response r) {
        return r.headers().firstValue("X-Cache").orElse("none");
    }

    @Test
    void missThenMemoryHitThenStoreHitAfterRestart() throws Exception {
        start(null);
        String id = server.store(photo());
        Response first = server.get("/images/" + id + "?w=200&h=100");
        assertThat(xCache(first)).isEqualTo("miss");
        assertThat(first.headers().firstValue("Server-Timing").orElse("")).contains("decode;dur=", "encode;dur=", "store;dur=");
        Response second = server.get("/images/" + id + "?h=100&w=200&fit=cover&g=center&enlarge=0");
        assertThat(xCache(second)).isEqualTo("hit-memory");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));

        server = server.restart();
        Response afterRestart = server.get("/images/" + id + "?w=200&h=100");
        assertThat(xCache(afterRestart)).isEqualTo("hit-store");
        assertThat(afterRestart.body()).isEqualTo(first.body());
    }

    @Test
    void ifNoneMatchIsAnsweredWithoutRendering() throws Exception {
        start(null);
        String id = server.store(photo());
        String etag = server.get("/images/" + id + "?w=120").headers().firstValue("ETag").orElseThrow();
        Response notModified = server.get("/images/" + id + "?w=120", "If-None-Match", etag);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        Response unseen = server.get("/images/" + id + "?w=121", "If-None-Match", etag);
        assertThat(unseen.status()).isEqualTo(200);
    }

    @Test
    void thirtyTwoConcurrentIdenticalRequestsRenderOnce() throws Exception {
        start(null);
        String id = server.store(photo());
        ExecutorService clients = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            answers.add(clients.submit(() -> {
                go.await();
                return server.get("/images/" + id + "?w=900&fm=avif&q=70");
            }));
        }
        go.countDown();
        List<String> tiers = new ArrayList<>();
        for (Future<Response> a : answers) {
            assertThat(a.get().status()).isEqualTo(200);
            tiers.add(xCache(a.get()));
        }
        clients.shutdown();
        assertThat(tiers).filteredOn("miss"::equals).hasSize(1);
        assertThat(tiers).filteredOn(t -> !t.equals("miss")).allMatch(t -> t.equals("hit-collapsed") || t.equals("hit-memory"));
        assertThat(tiers).contains("hit-collapsed");
    }

    @Test
    void purgeDropsEveryTierAndDeleteDropsRenditionsToo() throws Exception {
        start(null);
        String id = server.store(photo());
        server.get("/images/" + id + "?w=80");
        assertThat(xCache(server.get("/images/" + id + "?w=80"))).isEqualTo("hit-memory");
        assertThat(server.delete("/images/" + id + "/renditions").status()).isEqualTo(204);
        assertThat(xCache(server.get("/images/" + id + "?w=80"))).isEqualTo("miss");
        assertThat(server.storedKeys("renditions/")).hasSize(1);
        assertThat(server.delete("/images/" + id).status()).isEqualTo(204);
        assertThat(server.storedKeys("renditions/")).isEmpty();
        assertThat(server.get("/images/" + id + "?w=80").status()).isEqualTo(404);
    }

    @Test
    void eagerPresetsAreRenderedRightAfterUpload() throws Exception {
        Path config = data.resolve("tessera.yaml");
        Files.writeString(config, "presets: {thumb: \"w=64&h=64&fit=cover\"}\neagerPresets: [thumb]\n");
        start(config);
        String id = server.store(photo());
        String tier = "miss";
        for (int i = 0; i < 100 && tier.equals("miss"); i++) {
            Thread.sleep(50);
            if (!server.storedKeys("renditions/").isEmpty()) tier = "stored";
        }
        assertThat(tier).as("the eager preset was stored in the background").isEqualTo("stored");
        assertThat(xCache(server.get("/images/" + id + "?preset=thumb"))).isIn("hit-memory", "hit-store");
        assertThat(xCache(server.get("/images/" + id + "?w=64&h=64&fit=cover"))).isIn("hit-memory", "hit-store");
    }
}
