package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One tenant's spike must not starve another; quotas answer 429 with Retry-After. Real HTTP, real renders. */
class TenantIsolationHttpTest {
    @TempDir
    Path data;
    private TestServer server;

    private void start(String yaml, String... extraEnv) throws Exception {
        Path config = data.resolve("tessera.yaml");
        Files.writeString(config, yaml);
        List<String> env = new ArrayList<>(List.of("TESSERA_API_KEYS", "a:key-a,b:key-b"));
        env.addAll(List.of(extraEnv));
        server = TestServer.start(data.resolve("store"), config, env.toArray(String[]::new));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    private static byte[] noise(int w, int h, double seed, String saver) {
        try (VipsImage n = Vips.operation("gaussnoise").set("width", w).set("height", h).set("mean", seed).image();
             VipsImage rgb = Vips.operation("bandjoin").set("in", new VipsImage[] {n, n, n}).image();
             VipsImage u8 = Vips.operation("cast").set("in", rgb).set("format", "uchar").image()) {
            return Vips.operation(saver).set("in", u8).blob("buffer");
        }
    }

    private Response upload(String key, byte[] body) {
        return server.upload(body, "Authorization", "Bearer " + key);
    }

    /** Uploads as the tenant of {@code key}, asserting a 2xx, and returns the id. */
    private String store(String key, byte[] body) {
        return server.store(body, "Authorization", "Bearer " + key);
    }

    private int status(String path) {
        try {
            return server.get(path).status();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void aFloodingTenantDoesNotStarveAnother() throws Exception {
        start("{}", "TESSERA_RENDER_THREADS", "2", "TESSERA_RENDER_QUEUE", "8");
        String a = store("key-a", noise(1200, 900, 128, "jpegsave_buffer"));
        String b = store("key-b", noise(1200, 900, 100, "jpegsave_buffer"));
        // The quiet tenant sends a fixed number of requests, however long the machine takes; the flood runs
        // until it is done (bounded), so the result does not depend on the machine's speed.
        AtomicBoolean quietDone = new AtomicBoolean();
        long cap = System.nanoTime() + 120_000_000_000L;
        AtomicInteger width = new AtomicInteger(100);
        AtomicInteger floodOk = new AtomicInteger(), flood503 = new AtomicInteger();
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> flood = new ArrayList<>();
        for (int c = 0; c < 24; c++) {
            flood.add(clients.submit(() -> {
                while (!quietDone.get() && System.nanoTime() < cap) {
                    int s = status("/images/" + a + "?w=" + width.incrementAndGet() + "&blur=1");
                    if (s == 200) floodOk.incrementAndGet();
                    if (s == 503) flood503.incrementAndGet();
                }
            }));
        }
        Thread.sleep(500); // the flood is under way
        int sent = 0, ok = 0;
        for (; sent < 20; sent++) {
            if (status("/images/" + b + "?w=" + (101 + sent) + "&blur=1") == 200) ok++;
            Thread.sleep(100);
        }
        quietDone.set(true);
        for (Future<?> f : flood) f.get();
        clients.shutdown();
        assertThat(flood503.get()).as("the flood was over capacity (503s)").isPositive();
        assertThat(floodOk.get()).as("the flooding tenant still got service").isPositive();
        assertThat((double) ok / sent).as("success rate of the normal tenant (%d of %d)", ok, sent)
                .isGreaterThanOrEqualTo(0.95);
        assertThat(status("/health")).isEqualTo(200);
    }

    @Test
    void quotasAnswer429WithRetryAfter() throws Exception {
        start("security: {quotas: {tenants: {a: {uploadsPerMinute: 2, storageMb: 0}, b: {uploadsPerMinute: 0, storageMb: 2}}}}");
        store("key-a", noise(64, 64, 1, "pngsave_buffer"));
        store("key-a", noise(64, 64, 2, "pngsave_buffer"));
        Response third = upload("key-a", noise(64, 64, 3, "pngsave_buffer"));
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.text()).contains("\"code\":\"quota_exceeded\"");
        assertThat(third.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L)).isPositive();

        byte[] big1 = noise(1300, 1300, 10, "pngsave_buffer");
        byte[] big2 = noise(1300, 1300, 20, "pngsave_buffer");
        assertThat(big1.length).isGreaterThan(1 << 20);
        String first = store("key-b", big1);
        Response over = upload("key-b", big2);
        assertThat(over.status()).isEqualTo(429);
        Response deleted = server.delete("/images/" + first, "Authorization", "Bearer key-b");
        assertThat(deleted.status()).isEqualTo(204);
        store("key-b", big2);
    }
}
