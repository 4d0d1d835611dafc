package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.security.UrlSigner;
import dev.tessera.testing.Corpus;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics counters move by exactly what a known sequence of requests did; the access log is JSON without secrets. */
class ObservabilityHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    private TestServer server;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        server = TestServer.start(data, null, new PrintStream(log, true, StandardCharsets.UTF_8),
                "TESSERA_SIGNING_KEYS", "s3cret");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private String signed(String path, String query) {
        return path + "?" + query + "&sig=" + new UrlSigner(List.of("s3cret")).sign(path, query);
    }

    private double metric(String name, String labels) throws Exception {
        String text = server.get("/metrics").text();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{(.*)\\} (\\S+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            boolean all = true;
            for (String l : labels.split(",")) all &= l.isEmpty() || m.group(1).contains(l);
            if (all) sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    @Test
    void countersMoveByExactlyWhatHappened() throws Exception {
        byte[] png;
        try (VipsImage black = Vips.operation("black").set("width", 300).set("height", 200).set("bands", 3).image()) {
            png = Vips.operation("pngsave_buffer").set("in", black).blob("buffer");
        }
        String id = server.upload(png).id();
        String path = "/images/" + id;
        double memoryMiss = metric("tessera_cache_lookups_total", "tier=\"memory\",result=\"miss\"");
        double memoryHit = metric("tessera_cache_lookups_total", "tier=\"memory\",result=\"hit\"");
        double ok = metric("tessera_http_requests_seconds_count", "route=\"/images/{id}\",status=\"2xx\"");
        double decodes = metric("tessera_stage_seconds_count", "stage=\"decode\"");
        double limits = metric("tessera_rejections_total", "reason=\"limits\"");
        double signature = metric("tessera_rejections_total", "reason=\"signature\"");
        double memoryBytes = metric("tessera_cache_bytes", "tier=\"memory\"");

        assertThat(server.get(signed(path, "w=100")).headers().firstValue("X-Cache")).hasValue("miss");
        for (int i = 0; i < 3; i++) server.get(signed(path, "w=100"));
        server.get(signed(path, "w=101"));
        assertThat(server.get(path + "?w=102&sig=wrong").status()).isEqualTo(403);
        assertThat(server.upload(Corpus.edge("bomb-30000x30000.png")).status()).isEqualTo(422);

        assertThat(metric("tessera_cache_lookups_total", "tier=\"memory\",result=\"miss\"") - memoryMiss).isEqualTo(2);
        assertThat(metric("tessera_cache_lookups_total", "tier=\"memory\",result=\"hit\"") - memoryHit).isEqualTo(3);
        assertThat(metric("tessera_http_requests_seconds_count", "route=\"/images/{id}\",status=\"2xx\"") - ok).isEqualTo(5);
        assertThat(metric("tessera_stage_seconds_count", "stage=\"decode\"") - decodes).isEqualTo(2);
        assertThat(metric("tessera_rejections_total", "reason=\"limits\"") - limits).isEqualTo(1);
        assertThat(metric("tessera_rejections_total", "reason=\"signature\"") - signature).isEqualTo(1);
        assertThat(metric("tessera_cache_bytes", "tier=\"memory\"")).as("two renditions more in memory")
                .isGreaterThan(memoryBytes);

        String text = server.get("/metrics").text();
        assertThat(text).contains("tessera_http_requests_seconds_bucket{", "le=\"0.005\"", "tessera_build{version=",
                "tessera_render_queue_depth", "tessera_renders_in_flight", "tessera_vips_tracked_bytes",
                "process_resident_memory_bytes", "jvm_memory_used_bytes", "tessera_store_operations_seconds_count{",
                "tessera_render_queue_wait_seconds_count");
    }

    @Test
    void theAccessLogIsOneJsonLinePerRequestWithoutSecrets() throws Exception {
        server.get("/health", "X-Request-Id", "req-42");
        byte[] png;
        try (VipsImage black = Vips.operation("black").set("width", 30).set("height", 20).image()) {
            png = Vips.operation("pngsave_buffer").set("in", black).blob("buffer");
        }
        String id = server.upload(png).id();
        String url = signed("/images/" + id, "w=10&fm=webp");
        server.get(url);
        for (int i = 0; i < 100 && log.toString(StandardCharsets.UTF_8).lines().count() < 3; i++) Thread.sleep(50);
        List<JsonNode> lines = log.toString(StandardCharsets.UTF_8).lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("requestId").asText()).isEqualTo("req-42");
        assertThat(lines.get(0).get("status").asInt()).isEqualTo(200);
        JsonNode render = lines.get(2);
        assertThat(render.get("route").asText()).isEqualTo("/images/{id}");
        assertThat(render.get("cache").asText()).isEqualTo("miss");
        assertThat(render.get("tenant").asText()).isEqualTo("local");
        assertThat(render.get("bytes").asLong()).isPositive();
        assertThat(render.get("durationMs").asDouble()).isPositive();
        assertThat(render.get("stages").fieldNames()).toIterable().contains("fetch", "decode", "transform", "encode");
        String sig = url.substring(url.indexOf("sig=") + 4);
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(sig).contains("sig=REDACTED");
    }
}
