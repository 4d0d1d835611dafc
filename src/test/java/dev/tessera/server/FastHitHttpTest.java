package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeated renditions held in memory are answered ahead of routing (HitHandler) with every header, log line
 * and metric of the routed path; a conditional request or a purged rendition still goes the routed way.
 */
class FastHitHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Values that differ between any two responses. */
    private static final List<String> PER_RESPONSE = List.of("x-request-id", "server-timing", "date");

    @TempDir Path data;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private TestServer server;
    private String path;

    @BeforeEach
    void start() {
        server = TestServer.start(data, null, new PrintStream(log, true, StandardCharsets.UTF_8));
        path = "/images/" + server.upload(Images.quadrantsJpeg()).id() + "?w=40&fm=webp";
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static Map<String, List<String>> stable(Response r) {
        Map<String, List<String>> headers = new TreeMap<>(r.headers().map());
        PER_RESPONSE.forEach(headers::remove);
        return headers;
    }

    @Test
    void aRepeatCarriesTheHeadersAndBytesOfARoutedMemoryHit() {
        assertThat(server.get(path).header("X-Cache")).isEqualTo("miss");
        Response routed = server.get(path, "If-None-Match", "\"another\""); // conditional: the routed path
        Response fast = server.get(path, "X-Request-Id", "repeat-1");

        assertThat(routed.header("X-Cache")).isEqualTo("hit-memory");
        assertThat(fast.status()).isEqualTo(200);
        assertThat(stable(fast)).isEqualTo(stable(routed));
        assertThat(fast.body()).isEqualTo(routed.body());
        assertThat(fast.header("X-Request-Id")).isEqualTo("repeat-1");
        assertThat(fast.header("Server-Timing")).matches("cache;dur=\\d+\\.\\d");
        assertThat(server.get(path, "If-None-Match", routed.header("ETag")).status()).isEqualTo(304);

        Response head = server.send(server.request(path).HEAD().build());
        assertThat(head.body()).isEmpty();
        assertThat(stable(head)).isEqualTo(stable(routed));
    }

    @Test
    void theRepeatIsLoggedLikeARoutedHit() throws Exception {
        server.get(path);
        server.get(path, "X-Request-Id", "repeat-2");
        String text = "";
        for (int i = 0; i < 100 && !(text = log.toString(StandardCharsets.UTF_8)).contains("repeat-2"); i++) {
            Thread.sleep(50);
        }
        JsonNode line = JSON.readTree(text.lines().filter(l -> l.contains("repeat-2")).findFirst().orElseThrow());
        assertThat(line.get("route").asText()).isEqualTo("/images/{id}");
        assertThat(line.get("method").asText()).isEqualTo("GET");
        assertThat(line.get("query").asText()).isEqualTo("w=40&fm=webp");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("cache").asText()).isEqualTo("hit-memory");
        assertThat(line.get("tenant").asText()).isEqualTo("local");
        assertThat(line.get("bytes").asLong()).isPositive();
        assertThat(line.get("stages").fieldNames()).toIterable().containsExactly("cache");
    }

    /** Hits run on the selector threads: one per core lets them use every core (Jetty's default: half). */
    @Test
    void hitsCanRunOnEveryCore() {
        assertThat(server.selectors()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aPurgedRenditionIsRenderedAgainNotServedStale() {
        server.get(path);
        assertThat(server.get(path).header("X-Cache")).isEqualTo("hit-memory");
        String id = path.substring("/images/".length(), path.indexOf('?'));
        assertThat(server.delete("/images/" + id + "/renditions").status()).isEqualTo(204);

        assertThat(server.get(path).header("X-Cache")).isEqualTo("miss");
        assertThat(server.get(path).header("X-Cache")).isEqualTo("hit-memory");
    }
}
