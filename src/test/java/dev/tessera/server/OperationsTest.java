package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** /health, /ready, /metrics, and the output pixel limit. */
class OperationsTest extends ServerTest {

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
        assertThat(r.text()).contains("# TYPE tessera_http_requests_seconds histogram",
                "tessera_http_requests_seconds_count{route=\"/health\"");
    }

    @Test
    void outputOverThePixelLimitIs422NotA500() {
        String id = server.store(Images.quadrantsPng());
        Api.assertError(server.get("/images/" + id + "?w=8192&h=8192&fit=fill&enlarge=1"), 422);
    }
}
