package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /health, /ready, /metrics, and the output pixel limit. */
class OperationsTest {
    @TempDir static Path data;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(data);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void healthAndReady() {
        Response health = server.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("ok");
        assertThat(server.get("/ready").status()).isEqualTo(200);
    }

    @Test
    void metricsArePrometheusText() {
        server.get("/health");
        Response r = server.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.text()).contains("# TYPE").contains("tessera_");
    }

    @Test
    void outputOverThePixelLimitIs422NotA500() {
        String id = server.store(Images.quadrantsPng());
        Api.assertError(server.get("/images/" + id + "?w=8192&h=8192&fit=fill&enlarge=1"), 422);
    }
}
