package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.metrics.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The access log's memory-hit line and its writer: whole lines, every one, and no garbage per hit. */
class AccessLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AccessLog.HitFields FIELDS =
            AccessLog.HitFields.of("/images/{id}", "/images/ab12/caf\u00e9", "w=300&sig=secret&t=\u00fcber", "local");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Metrics metrics = new Metrics();

    private AccessLog log() {
        return new AccessLog(metrics, new PrintStream(out, true, StandardCharsets.UTF_8), true, 1000);
    }

    private long dropped() {
        return metrics.scrape().lines().filter(l -> l.startsWith("tessera_access_log_dropped_total"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aHitLineIsTheJsonLineOfItsFieldsInUtf8() throws Exception {
        try (AccessLog log = log()) {
            log.hit("req-1", "GET", FIELDS, 9124, 1_249_999, 50_000);
        }
        String line = lines().getFirst();
        String time = JSON.readTree(line).get("time").asText();
        String expected = new JsonLine().put("time", time).put("requestId", "req-1").put("method", "GET")
                .put("route", "/images/{id}").put("path", "/images/ab12/caf\u00e9")
                .put("query", AccessLog.redact("w=300&sig=secret&t=\u00fcber")).put("status", 200).put("bytes", 9124L)
                .put("durationMs", 1.2).put("cache", "hit-memory").put("tenant", "local")
                .put("stages", java.util.Map.of("cache", 0.1)).toString();
        assertThat(line).isEqualTo(expected);
        assertThat(line).contains("sig=REDACTED").doesNotContain("secret");
    }

    @Test
    void linesFromManyThreadsArriveWholeOrAreCountedAsDropped() throws Exception {
        int threads = 4, each = 5_000; // ~6 MB: what one buffer holds
        try (AccessLog log = log()) {
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String prefix = "t" + t + "-";
                running.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < each; i++) log.hit(prefix + i, "GET", FIELDS, i, i * 1000L, 0);
                }));
            }
            for (Thread thread : running) thread.join();
        } // close() writes what is still buffered
        Set<String> ids = new HashSet<>();
        for (String line : lines()) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.get("stages").get("cache").asDouble()).isZero();
            ids.add(node.get("requestId").asText());
        }
        assertThat(ids.size() + dropped()).isEqualTo(threads * each);
        assertThat(ids.size()).isGreaterThan(threads * each / 2); // one buffer holds them all
    }

    @Test
    void aHitAllocatesNothingPerLine() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String[] ids = {"req-a", "req-b", "req-c"};
        long least = Long.MAX_VALUE;
        try (AccessLog log = log()) {
            for (int i = 0; i < 20_000; i++) log.hit("warm", "GET", FIELDS, i, i, i); // code compiled
            for (int round = 0; round < 10; round++) { // the least of ten: a round may grow a buffer
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 1000; i++) log.hit(ids[i % 3], "GET", FIELDS, i, i, i);
                least = Math.min(least, (threads.getCurrentThreadAllocatedBytes() - before) / 1000);
            }
        }
        // the time stamp's text is made once a millisecond; a line as a string alone would be ~500 bytes
        assertThat(least).isLessThan(64);
    }
}
