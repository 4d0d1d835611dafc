package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import dev.tessera.storage.S3ProxyServer;
import dev.tessera.config.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service on a real S3 server that goes away mid-run and comes back on the same port. */
class StoreOutageHttpTest {
    @TempDir Path data;

    @Test
    void anOutageAnswers503UntilTheStoreReturnsAndLosesNothing() throws Exception {
        try (S3ProxyServer s3 = new S3ProxyServer();
                TestServer server = TestServer.start(data, "TESSERA_STORAGE", "s3",
                        "TESSERA_S3_ENDPOINT", s3.endpoint(), "TESSERA_S3_BUCKET", s3.newBucket(),
                        "TESSERA_S3_PATH_STYLE", "true", "TESSERA_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY,
                        "TESSERA_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY)) {
            byte[] before = Images.quadrantsJpeg();
            String id = server.store(before);
            byte[] thumb = server.render(id, "w=40").body();
            assertThat(server.get("/ready").json().path("stores").path("store").asBoolean()).isTrue();

            s3.halt();
            Response ready = server.get("/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().path("error").path("code").asText()).isEqualTo("storage_unreachable");
            Response refused = server.upload(Images.quadrantsPng());
            assertThat(refused.status()).as("%s", refused).isEqualTo(503);
            assertThat(refused.json().path("error").path("code").asText()).isEqualTo("storage_unavailable");
            assertThat(refused.header("Retry-After")).isNotNull();
            Response cached = server.render(id, "w=40");
            assertThat(cached.header("X-Cache")).isEqualTo("hit-memory");
            assertThat(cached.body()).isEqualTo(thumb);

            s3.resume();
            awaitStatus(() -> server.get("/ready").status(), 200);
            assertThat(server.get("/images/" + id).body()).isEqualTo(before);
            Response after = server.upload(Images.quadrantsPng());
            assertThat(after.status()).as("%s", after).isEqualTo(201);
            assertThat(server.get("/images/" + after.id()).body()).isEqualTo(Images.quadrantsPng());
        }
    }

    @Test
    void aMirrorAckingOnThePrimaryStaysInServiceAndCatchesUp() throws Exception {
        try (S3ProxyServer s3 = new S3ProxyServer()) {
            String bucket = s3.newBucket();
            Path config = Files.writeString(data.resolve("tessera.yaml"), """
                    storage:
                      kind: mirror
                      mirror:
                        ack: primary
                        journalDir: %s
                        retrySeconds: 1
                        primary: {kind: fs, dataDir: %s}
                        secondary: {kind: s3, s3: {endpoint: "%s", bucket: %s, pathStyle: true, accessKey: %s, secretKey: %s}}
                    """.formatted(data.resolve("journal"), data.resolve("primary"), s3.endpoint(), bucket,
                    S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY));
            try (TestServer server = TestServer.start(data, config)) {
                s3.halt();
                String id = server.store(Images.quadrantsJpeg());
                Response ready = server.get("/ready");
                assertThat(ready.status()).isEqualTo(200);
                assertThat(ready.json().path("stores").path("primary").asBoolean()).isTrue();
                assertThat(ready.json().path("stores").path("secondary").asBoolean()).isFalse();
                assertThat(server.get("/metrics").text()).containsPattern("tessera_store_repair_backlog\\{[^}]*} [1-9]");

                s3.resume();
                awaitStatus(() -> server.get("/metrics").text().matches(
                        "(?s).*tessera_store_repair_backlog\\{[^}]*} 0\\.0.*") ? 1 : 0, 1);
                assertThat(server.get("/ready").json().path("stores").path("secondary").asBoolean()).isTrue();
                try (BlobStore secondary = BlobStores.s3(new S3Settings(s3.endpoint(), bucket, null,
                        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, true, ""))) {
                    assertThat(secondary.list("originals/")).containsExactly(BlobKeys.originalKey(id));
                }
                assertThat(server.get("/images/" + id).body()).isEqualTo(Images.quadrantsJpeg());
            }
        }
    }

    /** Polls a few seconds for the service to see the store again (its probe runs per request). */
    private static void awaitStatus(Supplier<Integer> status, int expected) throws InterruptedException {
        for (int i = 0; i < 100 && status.get() != expected; i++) Thread.sleep(50);
        assertThat(status.get()).isEqualTo(expected);
    }
}
