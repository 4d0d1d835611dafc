package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a tenant is being refused, its renders are refused ahead of routing ({@link RefusalHandler}) with the
 * routed path's answer, and what the routed path would answer otherwise (400, 404) still gets that answer.
 */
class RefusalFastPathHttpTest {
    @TempDir static Path data;
    static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    static TestServer server;
    static String id;

    @BeforeAll
    static void start() throws IOException {
        // one thread and four queue places; a long max wait keeps the tenant "being refused" for 4 s
        Path config = Files.writeString(data.resolve("tessera.yaml"), "render:\n  maxWaitMs: 20000\n");
        server = TestServer.start(data.resolve("d"), config, new PrintStream(LOG, true, StandardCharsets.UTF_8),
                "TESSERA_RENDER_THREADS", "1", "TESSERA_RENDER_QUEUE", "4");
        id = server.store(Corpus.edge("progressive-20mp.jpg"));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void aTenantBeingRefusedIsRefusedAheadOfRoutingWithTheSameAnswerAndBadInputStillGetsItsOwn() {
        List<CompletableFuture<Response>> burst = IntStream.range(0, 10)
                .mapToObj(i -> server.sendAsync(server.request("/images/" + id + "?blur=20&w=" + (1000 + i)).GET().build()))
                .toList();
        CompletableFuture.anyOf(burst.toArray(CompletableFuture[]::new)).join(); // the queue is full: refusals began

        Response refused = server.get("/images/" + id + "?w=333", "X-Request-Id", "fast-refusal-1");
        ErrorHeadersTest.assertError(refused, 503, "overloaded");
        long millis = refused.json().path("error").path("retryAfterMs").asLong();
        assertThat(millis).isPositive();
        assertThat(refused.json().path("error").path("message").asText())
                .isEqualTo("the service is busy; retry in about " + millis + " ms");
        assertThat(refused.header("Retry-After-Ms")).isEqualTo(Long.toString(millis));
        assertThat(refused.header("Retry-After")).isEqualTo(Long.toString(Math.max(1, (millis + 999) / 1000)));
        assertThat(refused.header("X-Request-Id")).isEqualTo("fast-refusal-1");
        assertThat(refused.header("X-Tessera-Version")).isNotBlank();
        Response head = server.send(server.request("/images/" + id + "?w=334")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(503);
        assertThat(head.header("Retry-After-Ms")).matches("\\d+");

        Api.assertError(server.get("/images/" + id + "?w=abc"), 400);
        Api.assertError(server.get("/images/" + "0".repeat(64) + "?w=100"), 404);

        List<Response> answers = burst.stream().map(CompletableFuture::join).toList();
        assertThat(answers).extracting(Response::status).contains(200, 503).containsOnly(200, 503);
        assertThat(server.render(id, "w=100").status()).as("renders again once the burst is over").isEqualTo(200);
        String log = LOG.toString(StandardCharsets.UTF_8);
        assertThat(log.lines().filter(l -> l.contains("\"requestId\":\"fast-refusal-1\"")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("\"route\":\"/images/{id}\"", "\"query\":\"w=333\"",
                        "\"status\":503", "\"tenant\":\"local\"", "\"error\":\"overloaded\"", "\"durationMs\":"));
    }
}
