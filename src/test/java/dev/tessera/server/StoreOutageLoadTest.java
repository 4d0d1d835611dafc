package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.server.Picture.Rgb;
import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import dev.tessera.storage.S3ProxyServer;
import dev.tessera.config.S3Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four clients upload and render while the S3 server goes away and comes back. */
class StoreOutageLoadTest {
    private static final int CLIENTS = 4;
    private static final int MAX_UPLOADS_PER_CLIENT = 150;

    @TempDir Path data;

    @Test
    void noAcknowledgedUploadIsLostAndEveryRefusalIsA503WithRetryAfter() throws Exception {
        try (S3ProxyServer s3 = new S3ProxyServer()) {
            String bucket = s3.newBucket();
            List<String> env = new ArrayList<>();
            s3.env(bucket).forEach((k, v) -> env.addAll(List.of(k, v)));
            try (TestServer server = TestServer.start(data, env.toArray(String[]::new))) {
                Load load = new Load(server, server.store(Images.quadrantsJpeg()));
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.execute(() -> load.run(client));
                }
                awaitAtLeast(load.acknowledged::get, 12);
                s3.halt();
                awaitAtLeast(load.refused::get, 8);
                load.ackedBeforeResume = load.acknowledged.get();
                s3.resume();
                awaitAtLeast(() -> load.acknowledged.get() - load.ackedBeforeResume, 12);
                load.stopping = true;
                clients.shutdown();
                assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

                assertThat(load.unexpected).as("answers outside the contract").isEmpty();
                awaitAtLeast(() -> server.get("/ready").status() == 200 ? 1 : 0, 1);
                try (BlobStore bucketStore = BlobStores.s3(new S3Settings(s3.endpoint(), bucket, null,
                        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, true, ""))) {
                    for (var acked : load.stored.entrySet()) {
                        String id = acked.getKey();
                        assertThat(bucketStore.getBytes(BlobKeys.originalKey(id))).as("in the bucket: %s", id)
                                .hasValueSatisfying(b -> assertThat(Api.sha256(b)).isEqualTo(id));
                        assertThat(server.get("/images/" + id).body()).isEqualTo(acked.getValue());
                    }
                }
                System.out.printf("outage under load: %d uploads acknowledged, %d refused; %d renders, %d refused%n",
                        load.stored.size(), load.refused.get(), load.renders.get(), load.rendersRefused.get());
            }
        }
    }

    /** Waits (at most 30 s, polling) until {@code count} reaches {@code target}. */
    private static void awaitAtLeast(IntSupplier count, int target) throws InterruptedException {
        for (int i = 0; i < 600 && count.getAsInt() < target; i++) Thread.sleep(50);
        assertThat(count.getAsInt()).isGreaterThanOrEqualTo(target);
    }

    /** Each client uploads a new image, renders it and the shared one, and checks every answer. */
    private static final class Load {
        final TestServer server;
        final String shared;
        final Map<String, byte[]> stored = new ConcurrentHashMap<>();
        final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger renders = new AtomicInteger();
        final AtomicInteger rendersRefused = new AtomicInteger();
        volatile int ackedBeforeResume = Integer.MAX_VALUE;
        volatile boolean stopping;

        Load(TestServer server, String shared) {
            this.server = server;
            this.shared = shared;
        }

        void run(int client) {
            for (int i = 0; i < MAX_UPLOADS_PER_CLIENT && !stopping; i++) {
                try {
                    byte[] png = Images.solidPng(24, 24, new Rgb(client * 60, i % 256, i / 256));
                    Response up = server.upload(png);
                    if (up.status() == 200 || up.status() == 201) {
                        if (!up.id().equals(Api.sha256(png))) unexpected.add("upload answered id " + up.id());
                        stored.put(up.id(), png);
                        acknowledged.incrementAndGet();
                        check(server.get("/images/" + up.id() + "?w=8"));
                    } else {
                        checkRefusal(up);
                        refused.incrementAndGet();
                    }
                    check(server.get("/images/" + shared + "?w=" + (10 + i % 40)));
                } catch (RuntimeException e) {
                    unexpected.add("client " + client + ": " + e);
                }
            }
        }

        private void check(Response render) {
            renders.incrementAndGet();
            if (render.status() != 200) {
                checkRefusal(render);
                rendersRefused.incrementAndGet();
            }
        }

        private void checkRefusal(Response r) {
            boolean json = r.header("Content-Type") != null && r.header("Content-Type").startsWith("application/json");
            if (r.status() != 503 || !json || r.header("Retry-After") == null
                    || r.json().path("error").path("code").asText().isEmpty()) {
                unexpected.add(r.toString());
            }
        }
    }
}
