package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeated renditions and template renders held in memory are answered ahead of routing (HitHandler) with every
 * header, log line and metric of the routed path; a conditional request, a purged rendition or a template whose
 * version may have changed still goes the routed way.
 */
class FastHitHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Values that differ between any two responses. */
    private static final List<String> PER_RESPONSE = List.of("x-request-id", "server-timing", "date");

    private static final String AD = """
            {"width": 120, "height": 80, "background": "2050a0", "layers": [
              {"type": "image", "source": "{image}", "x": 10, "y": 10, "w": 60, "h": 60, "fit": "cover"},
              {"type": "rect", "x": 80, "y": 10, "w": 30, "h": 30, "color": "%s"}]}
            """;

    @TempDir Path data;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private TestServer server;
    private String path;
    private String render;

    @BeforeEach
    void start() {
        server = TestServer.start(data, null, new PrintStream(log, true, StandardCharsets.UTF_8));
        String id = server.upload(Images.quadrantsJpeg()).id();
        path = "/images/" + id + "?w=40&fm=webp";
        assertThat(putTemplate(server, "e53935").status()).isEqualTo(201);
        render = "/render/ad?image=id:" + id + "&fm=jpeg&q=70";
    }

    private static Response putTemplate(TestServer on, String colour) {
        return on.send(on.request("/templates/ad").PUT(BodyPublishers.ofString(AD.formatted(colour))).build());
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
    void aRepeatCarriesTheHeadersAndBytesOfARoutedMemoryHit() throws Exception {
        assertRepeatMatchesRoutedHit(path);
    }

    @Test
    void aTemplateRenderRepeatCarriesTheHeadersAndBytesOfARoutedMemoryHit() throws Exception {
        assertRepeatMatchesRoutedHit(render);
    }

    private void assertRepeatMatchesRoutedHit(String target) throws Exception {
        assertThat(server.get(target).header("X-Cache")).isEqualTo("miss");
        assertThat(remembered(server, target)).isTrue();
        Response routed = server.get(target, "If-None-Match", "\"another\""); // conditional: the routed path
        Response fast = server.get(target, "X-Request-Id", "repeat-1");

        assertThat(routed.header("X-Cache")).isEqualTo("hit-memory");
        assertThat(routed.header("Server-Timing")).matches("cache;dur=\\d+\\.\\d");
        assertThat(fast.status()).isEqualTo(200);
        assertThat(stable(fast)).isEqualTo(stable(routed));
        assertThat(fast.body()).isEqualTo(routed.body());
        assertThat(fast.header("X-Request-Id")).isEqualTo("repeat-1");
        assertThat(fast.header("Server-Timing")).matches("cache;dur=\\d+\\.\\d");
        assertThat(server.get(target, "If-None-Match", routed.header("ETag")).status()).isEqualTo(304);

        Response head = server.send(server.request(target).HEAD().build());
        assertThat(head.body()).isEmpty();
        assertThat(stable(head)).isEqualTo(stable(routed));
    }

    @Test
    void theRepeatIsLoggedLikeARoutedHit() throws Exception {
        server.get(path);
        server.get(path, "If-None-Match", "\"another\"", "X-Request-Id", "routed-2");
        server.get(path, "X-Request-Id", "repeat-2");
        JsonNode fast = logLine("repeat-2");
        assertThat(fast.get("route").asText()).isEqualTo("/images/{id}");
        assertThat(fast.get("method").asText()).isEqualTo("GET");
        assertThat(fast.get("query").asText()).isEqualTo("w=40&fm=webp");
        assertThat(fast.get("status").asInt()).isEqualTo(200);
        assertThat(fast.get("cache").asText()).isEqualTo("hit-memory");
        assertThat(fast.get("tenant").asText()).isEqualTo("local");
        assertThat(fast.get("bytes").asLong()).isPositive();
        assertThat(fast.get("stages").fieldNames()).toIterable().containsExactly("cache");
        assertSameFields(fast, logLine("routed-2"));
    }

    @Test
    void aTemplateRenderRepeatIsLoggedLikeARoutedHit() throws Exception {
        server.get(render);
        server.get(render, "If-None-Match", "\"another\"", "X-Request-Id", "routed-3");
        server.get(render, "X-Request-Id", "repeat-3");
        JsonNode fast = logLine("repeat-3");
        assertThat(fast.get("route").asText()).isEqualTo("/render/{name}");
        assertThat(fast.get("path").asText()).isEqualTo("/render/ad");
        assertThat(fast.get("cache").asText()).isEqualTo("hit-memory");
        assertThat(fast.get("stages").fieldNames()).toIterable().containsExactly("cache");
        assertSameFields(fast, logLine("routed-3"));
    }

    /** Every field but the time, the request id and the durations. */
    private static void assertSameFields(JsonNode fast, JsonNode routed) {
        List<String> names = new java.util.ArrayList<>();
        routed.fieldNames().forEachRemaining(names::add);
        assertThat(fast.fieldNames()).toIterable().containsExactlyElementsOf(names);
        for (String name : names) {
            if (List.of("time", "requestId", "durationMs", "stages").contains(name)) continue;
            assertThat(fast.get(name)).as(name).isEqualTo(routed.get(name));
        }
    }

    /** Whether {@code on} answers {@code target} ahead of routing, once the routed answer (remembered after its
     * body is sent) is. */
    private static boolean remembered(TestServer on, String target) throws InterruptedException {
        for (int i = 0; i < 40 && !on.answersAheadOfRouting(target); i++) Thread.sleep(25);
        return on.answersAheadOfRouting(target);
    }

    private JsonNode logLine(String requestId) throws Exception {
        String text = "";
        for (int i = 0; i < 100 && !(text = log.toString(StandardCharsets.UTF_8)).contains(requestId); i++) {
            Thread.sleep(50);
        }
        return JSON.readTree(text.lines().filter(l -> l.contains("\"" + requestId + "\"")).findFirst().orElseThrow());
    }

    @Test
    void repeatsAreCountedInTheRequestMetrics() {
        server.get(path);
        server.get(render);
        double images = metric("tessera_http_requests_seconds_count", "route=\"/images/{id}\",status=\"2xx\"");
        double renders = metric("tessera_http_requests_seconds_count", "route=\"/render/{name}\",status=\"2xx\"");
        double memoryHits = metric("tessera_cache_lookups_total", "tier=\"memory\",result=\"hit\"");
        for (int i = 0; i < 5; i++) {
            server.get(path);
            server.get(render);
        }
        assertThat(metric("tessera_http_requests_seconds_count", "route=\"/images/{id}\",status=\"2xx\""))
                .isEqualTo(images + 5);
        assertThat(metric("tessera_http_requests_seconds_count", "route=\"/render/{name}\",status=\"2xx\""))
                .isEqualTo(renders + 5);
        // a rendition's memory hit is a lookup, as on the routed path; a template render's is not counted there
        assertThat(metric("tessera_cache_lookups_total", "tier=\"memory\",result=\"hit\"")).isEqualTo(memoryHits + 5);
    }

    private double metric(String name, String labels) {
        String text = server.get("/metrics").text();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{(.*)\\} (\\S+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            boolean all = true;
            for (String label : labels.split(",")) all &= m.group(1).contains(label);
            if (all) sum += Double.parseDouble(m.group(2));
        }
        return sum;
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

    @Test
    void aTemplateReplacedHereIsRenderedAgain() {
        server.get(render);
        String before = server.get(render).header("ETag");
        assertThat(putTemplate(server, "00ff00").status()).isEqualTo(200);

        Response after = server.get(render);
        assertThat(after.header("X-Cache")).isEqualTo("miss");
        assertThat(after.header("ETag")).isNotEqualTo(before);
    }

    /**
     * Another node replaced the template: this node reads it again after templates.refreshMs, and so do its
     * repeats, although its memory still holds the old version's render (no purge marker read for a minute).
     */
    @Test
    void aTemplateReplacedOnAnotherNodeIsRenderedOnceThisNodeRereadsIt(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("tessera.yaml");
        java.nio.file.Files.writeString(config, "templates:\n  refreshMs: 1500\n");
        try (TestServer a = TestServer.start(data, config, "TESSERA_GENERATION_CHECK_MS", "60000");
             TestServer b = TestServer.start(data)) {
            a.get(render);
            String before = a.get(render).header("ETag");
            assertThat(remembered(a, render)).isTrue();
            assertThat(putTemplate(b, "00ff00").status()).isEqualTo(200);

            Thread.sleep(1700);
            assertThat(a.answersAheadOfRouting(render)).isFalse();
            Response after = a.get(render);
            assertThat(after.header("ETag")).isNotEqualTo(before);
            assertThat(after.header("ETag")).isEqualTo(b.get(render).header("ETag"));
        }
    }
}
