package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.config.ConfigLoader;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendition cache through real HTTP: tiers, validators, single flight, purge, restart, eager presets. */
class RenditionCacheHttpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;
    private TesseraServer server;

    private TesseraServer start(Path config) throws Exception {
        server = TesseraServer.start(ConfigLoader.load(config, Map.of("TESSERA_PORT", "0",
                "TESSERA_HOST", "127.0.0.1", "TESSERA_DATA_DIR", data.toString())));
        return server;
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

    private String upload(byte[] bytes) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/images"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isIn(200, 201);
        return r.body().replaceAll(".*\"id\":\"([0-9a-f]{64})\".*", "$1");
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> delete(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).DELETE().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String xCache(HttpResponse<?> r) {
        return r.headers().firstValue("X-Cache").orElse("none");
    }

    @Test
    void missThenMemoryHitThenStoreHitAfterRestart() throws Exception {
        start(null);
        String id = upload(photo());
        HttpResponse<byte[]> first = get("/images/" + id + "?w=200&h=100");
        assertThat(xCache(first)).isEqualTo("miss");
        assertThat(first.headers().firstValue("Server-Timing").orElse("")).contains("decode;dur=", "encode;dur=", "store;dur=");
        HttpResponse<byte[]> second = get("/images/" + id + "?h=100&w=200&fit=cover&g=center&enlarge=0");
        assertThat(xCache(second)).isEqualTo("hit-memory");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));

        server.close();
        start(null);
        HttpResponse<byte[]> afterRestart = get("/images/" + id + "?w=200&h=100");
        assertThat(xCache(afterRestart)).isEqualTo("hit-store");
        assertThat(afterRestart.body()).isEqualTo(first.body());
    }

    @Test
    void ifNoneMatchIsAnsweredWithoutRendering() throws Exception {
        start(null);
        String id = upload(photo());
        String etag = get("/images/" + id + "?w=120").headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> notModified = get("/images/" + id + "?w=120", "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        HttpResponse<byte[]> unseen = get("/images/" + id + "?w=121", "If-None-Match", etag);
        assertThat(unseen.statusCode()).isEqualTo(200);
    }

    @Test
    void thirtyTwoConcurrentIdenticalRequestsRenderOnce() throws Exception {
        start(null);
        String id = upload(photo());
        ExecutorService clients = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            answers.add(clients.submit(() -> {
                go.await();
                return get("/images/" + id + "?w=900&fm=avif&q=70");
            }));
        }
        go.countDown();
        List<String> tiers = new ArrayList<>();
        for (Future<HttpResponse<byte[]>> a : answers) {
            assertThat(a.get().statusCode()).isEqualTo(200);
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
        String id = upload(photo());
        get("/images/" + id + "?w=80");
        assertThat(xCache(get("/images/" + id + "?w=80"))).isEqualTo("hit-memory");
        assertThat(delete("/images/" + id + "/renditions").statusCode()).isEqualTo(204);
        assertThat(xCache(get("/images/" + id + "?w=80"))).isEqualTo("miss");
        try (var files = Files.walk(data.resolve("renditions"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
        assertThat(delete("/images/" + id).statusCode()).isEqualTo(204);
        try (var files = Files.walk(data)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString).filter(p -> p.contains("/renditions/")))
                    .isEmpty();
        }
        assertThat(get("/images/" + id + "?w=80").statusCode()).isEqualTo(404);
    }

    @Test
    void eagerPresetsAreRenderedRightAfterUpload() throws Exception {
        Path config = data.resolve("tessera.yaml");
        Files.writeString(config, "presets: {thumb: \"w=64&h=64&fit=cover\"}\neagerPresets: [thumb]\n");
        start(config);
        String id = upload(photo());
        String tier = "miss";
        for (int i = 0; i < 100 && tier.equals("miss"); i++) {
            Thread.sleep(50);
            if (Files.exists(data.resolve("renditions"))) {
                try (var files = Files.walk(data.resolve("renditions"))) {
                    if (files.anyMatch(Files::isRegularFile)) tier = "stored";
                }
            }
        }
        assertThat(tier).as("the eager preset was stored in the background").isEqualTo("stored");
        assertThat(xCache(get("/images/" + id + "?preset=thumb"))).isIn("hit-memory", "hit-store");
        assertThat(xCache(get("/images/" + id + "?w=64&h=64&fit=cover"))).isIn("hit-memory", "hit-store");
    }
}
