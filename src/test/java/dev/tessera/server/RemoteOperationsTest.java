package dev.tessera.server;

import static dev.tessera.server.Api.assertError;
import static dev.tessera.server.RemoteHttpTest.RED;
import static dev.tessera.server.RemoteHttpTest.remote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.security.UrlSigner;
import dev.tessera.testing.TestOrigin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /remote} signed, logged and measured: signatures cover it, logs name the origin host, never the URL. */
class RemoteOperationsTest {
    @TempDir
    Path dataDir;

    @Test
    void signedUrlsAreNeededWhenKeysAreConfigured() throws Exception {
        try (TestOrigin origin = TestOrigin.start();
             TestServer server = TestServer.start(dataDir, "TESSERA_REMOTE_ALLOW_PRIVATE", "true",
                     "TESSERA_SIGNING_KEYS", "k1")) {
            origin.image("/red.png", RED);
            String path = remote(origin.url("/red.png"), "w=20");
            Response unsigned = server.get(path);
            assertThat(assertError(unsigned, 403).path("code").asText()).isEqualTo("missing_signature");
            assertThat(origin.hits()).as("no fetch before the signature is checked").isZero();
            String query = path.substring(path.indexOf('?') + 1);
            String sig = new UrlSigner(List.of("k1")).sign("/remote", query);
            assertThat(server.get(path + "&sig=" + sig).status()).isEqualTo(200);
            assertThat(server.get(path.replace("w=20", "w=21") + "&sig=" + sig).status()).isEqualTo(403);
        }
    }

    @Test
    void aLoopbackOriginIsRefusedWithoutAllowPrivateAndNeverReached() throws Exception {
        try (TestOrigin origin = TestOrigin.start(); TestServer server = TestServer.start(dataDir)) {
            origin.image("/red.png", RED);
            Response r = server.get(remote(origin.url("/red.png"), "w=20"));
            assertThat(assertError(r, 403).path("code").asText()).isEqualTo("forbidden_source");
            assertThat(origin.hits()).isZero();
        }
    }

    @Test
    void theAccessLogNamesTheOriginHostAndMetricsCountFetches() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (TestOrigin origin = TestOrigin.start();
             TestServer server = TestServer.start(dataDir, null, new PrintStream(log, true, StandardCharsets.UTF_8),
                     "TESSERA_REMOTE_ALLOW_PRIVATE", "true")) {
            origin.image("/red.png", RED, "Cache-Control", "max-age=600");
            String secretUrl = origin.url("/red.png?token=s3cr3t");
            assertThat(server.get(remote(secretUrl, "w=20")).status()).isEqualTo(200);
            assertThat(server.get(remote(secretUrl, "w=21")).header("X-Source-Cache")).isEqualTo("hit");
            assertThat(server.get(remote(origin.url("/nothing.png"), "w=21")).status()).isEqualTo(404);
            String metrics = new String(server.get("/metrics").body(), StandardCharsets.UTF_8);
            assertThat(metrics).contains("tessera_remote_fetches_total{result=\"miss\"} 1.0",
                    "tessera_remote_fetches_total{result=\"hit\"} 1.0",
                    "tessera_remote_fetches_total{result=\"not_found\"} 1.0",
                    "tessera_remote_origin_seconds_count{outcome=\"ok\"} 1");
            server.close();
            String lines = log.toString(StandardCharsets.UTF_8);
            assertThat(lines).contains("\"origin\":\"127.0.0.1\"", "url=REDACTED").doesNotContain("s3cr3t");
        }
    }
}
