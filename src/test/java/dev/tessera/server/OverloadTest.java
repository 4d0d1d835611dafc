package dev.tessera.server;

import static dev.tessera.server.Api.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With one render thread and one queue slot, a burst is partly refused with 503 + Retry-After. */
class OverloadTest {
    @TempDir static Path data;
    static TestServer server;
    static String id;

    @BeforeAll
    static void start() {
        server = TestServer.start(data, "TESSERA_RENDER_THREADS", "1", "TESSERA_RENDER_QUEUE", "1");
        id = server.store(Corpus.edge("progressive-20mp.jpg"));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void burstIsPartlyRefusedAndTheServiceStaysUp() {
        List<CompletableFuture<Response>> burst = IntStream.range(0, 12)
                .mapToObj(i -> server.sendAsync(server.request("/images/" + id + "?blur=20&w=" + (1000 + i)).GET().build()))
                .toList();
        List<Response> responses = burst.stream().map(CompletableFuture::join).toList();

        List<Response> refused = responses.stream().filter(r -> r.status() == 503).toList();
        assertThat(refused).as("503s among %s", responses).isNotEmpty();
        for (Response r : refused) {
            assertError(r, 503);
            ErrorHeadersTest.assertError(r, 503, "overloaded"); // a transient 503 is not cacheable
            assertThat(r.header("Retry-After")).as("Retry-After").matches("\\d+");
            // the hint in milliseconds too: header and body agree, and the seconds are it rounded up
            long millis = r.json().path("error").path("retryAfterMs").asLong();
            assertThat(millis).as("retryAfterMs").isPositive();
            assertThat(r.header("Retry-After-Ms")).isEqualTo(Long.toString(millis));
            assertThat(Long.parseLong(r.header("Retry-After"))).isEqualTo(Math.max(1, (millis + 999) / 1000));
        }
        assertThat(responses).as("the others").filteredOn(r -> r.status() != 503)
                .isNotEmpty().allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(server.get("/health").status()).isEqualTo(200);
        Response after = server.render(id, "w=100");
        assertThat(after.status()).as("renders again once the burst is over: %s", after.text()).isEqualTo(200);
    }
}
