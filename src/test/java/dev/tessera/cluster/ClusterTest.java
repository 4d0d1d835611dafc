package dev.tessera.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.cluster.ClusterState.Member;
import dev.tessera.cluster.Load.Call;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node processes + HAProxy (deploy/haproxy.cfg) + an S3 server process on loopback, one cluster for every
 * scenario: kill -9 of a node under load, a rolling restart by SIGTERM under load, a delete seen by another node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
    private static final long DRAIN_MS = 3000;         // > HAProxy's 500 ms x fall 2 + a check's time
    private static final long GENERATION_CHECK_MS = 1000;
    private static final int WORKERS = 4;
    private static final int MAX_CALLS = 20_000;

    @TempDir static Path state;
    static Cluster cluster;

    @BeforeAll
    static void up() throws Exception {
        Assumptions.assumeTrue(Stream.of("/usr/sbin/haproxy", "/usr/bin/haproxy").anyMatch(p -> Files.exists(Path.of(p))),
                "haproxy is not installed (./tessera test installs it: apt-get install haproxy)");
        String cp = System.getProperty("java.class.path");
        // this test is about lost requests, not load shedding: on 2 shared cores a render may wait long for a thread
        Path config = Files.writeString(state.resolve("node.yaml"), "render: {maxWaitMs: 20000}\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        cluster = Cluster.up(new Cluster.Spec(3, 0, state, Path.of("deploy"),
                List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1"), // starts faster on a busy machine
                cp, cp, "500ms", DRAIN_MS, Map.of("TESSERA_GENERATION_CHECK_MS", Long.toString(GENERATION_CHECK_MS),
                        "TESSERA_CONFIG", config.toString())));
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster == null) return;
        Path log = state.resolve("haproxy.log");
        if (Files.exists(log)) Files.readAllLines(log).stream().filter(l -> l.contains(" is DOWN") || l.contains(" is UP"))
                .forEach(l -> System.out.println("cluster haproxy: " + l));
        Cluster.down(state, Duration.ofMillis(DRAIN_MS));
    }

    @Test
    @Order(0)
    void theBalancerHashesOnTheImageAndSpreadsUploads() throws Exception {
        try (Load load = new Load(cluster.balancerUrl(), 100)) {
            load.seed(10);
            Set<String> uploadNodes = new HashSet<>(load.servedBy());
            assertThat(uploadNodes).as("uploads go round robin").hasSize(3);
            Set<String> readNodes = new HashSet<>();
            for (String id : load.storedIds()) {
                Set<String> nodesOfImage = new HashSet<>();
                for (String query : List.of("w=20", "w=30&fm=webp", "w=24&h=24&fit=cover")) {
                    nodesOfImage.add(servedBy(load, "/images/" + id + "?" + query));
                }
                nodesOfImage.add(servedBy(load, "/images/" + id + ".png"));
                nodesOfImage.add(servedBy(load, "/images/" + id + "/info"));
                assertThat(nodesOfImage).as("every rendition of %s on one node", id).hasSize(1);
                readNodes.addAll(nodesOfImage);
            }
            assertThat(readNodes).as("images spread over the nodes").hasSizeGreaterThan(1);
            String remote = "/remote?url=" + java.net.URLEncoder.encode("https://example.com/a.jpg", "UTF-8");
            assertThat(new HashSet<>(List.of(servedBy(load, remote + "&w=10"), servedBy(load, remote + "&w=20&fm=webp"),
                    servedBy(load, "/remote?w=30&url=https%3A%2F%2Fexample.com%2Fa.jpg")))).hasSize(1);
            assertThat(new HashSet<>(List.of(servedBy(load, "/render/banner?title=a"),
                    servedBy(load, "/render/banner?title=b&w=9")))).hasSize(1);
        }
    }

    @Test
    @Order(1)
    void killingANodeMidLoadLosesOnlyWhatWasInFlightOnIt() throws Exception {
        try (Load load = new Load(cluster.balancerUrl(), MAX_CALLS)) {
            load.seed(6);
            load.start(WORKERS);
            Thread.sleep(3000);
            long killStart = System.nanoTime();
            cluster.kill(2);
            long killEnd = System.nanoTime();
            Thread.sleep(5000);
            List<Call> calls = load.stop();

            List<Call> failed = calls.stream().filter(c -> !c.ok()).toList();
            List<Call> later = calls.stream().filter(c -> c.start() > killEnd + 2_000_000_000L).toList();
            System.out.printf("cluster kill -9: %d requests, %d failed (%s), %d started 2 s after the kill%n",
                    calls.size(), failed.size(), failed, later.size());
            assertThat(failed).as("failures are requests in flight at the kill")
                    .allSatisfy(c -> assertThat(c.start() < killEnd && c.end() > killStart).as(c.toString()).isTrue());
            assertThat(later).isNotEmpty().allSatisfy(c -> assertThat(c.ok()).as(c.toString()).isTrue());
            for (String id : load.storedIds()) {
                HttpResponse<byte[]> info = load.get(cluster.balancerUrl() + "/images/" + id + "/info");
                assertThat(info.statusCode()).as("upload %s answered 2xx, then", id).isEqualTo(200);
            }
        }
        cluster.restart(2);
    }

    @Test
    @Order(2)
    void aRollingRestartBySigtermLosesNoRequest() throws Exception {
        try (Load load = new Load(cluster.balancerUrl(), MAX_CALLS)) {
            load.seed(3);
            load.start(WORKERS);
            for (int k = 1; k <= 3; k++) {
                Thread.sleep(1000);
                cluster.restart(k);
            }
            Thread.sleep(1000);
            List<Call> calls = load.stop();
            List<Call> failed = calls.stream().filter(c -> !c.ok()).toList();
            System.out.printf("cluster rolling restart: %d requests, %d failed %s%n", calls.size(), failed.size(),
                    failed);
            assertThat(calls).hasSizeGreaterThan(20);
            assertThat(failed).isEmpty();
        }
    }

    @Test
    @Order(3)
    void aRenditionIsAStoreHitOnOtherNodesAndADeleteReachesThemWithinTheBound() throws Exception {
        List<Member> nodes = cluster.state().nodes();
        try (Load load = new Load(nodes.get(0).url(), 10)) {
            load.seed(1);
            String id = load.storedIds().getFirst();
            String rendition = "/images/" + id + "?w=20";
            assertThat(header(load.get(nodes.get(0).url() + rendition), "X-Cache")).isEqualTo("miss");
            assertThat(header(load.get(nodes.get(2).url() + rendition), "X-Cache")).isEqualTo("hit-store");
            HttpResponse<byte[]> onB = load.get(nodes.get(1).url() + rendition);
            assertThat(header(onB, "X-Served-By")).isEqualTo("node2");
            assertThat(header(load.get(nodes.get(1).url() + rendition), "X-Cache")).isEqualTo("hit-memory");

            assertThat(delete(nodes.get(0).url() + "/images/" + id)).isEqualTo(204);
            long deleted = System.nanoTime();
            int status = 200;
            while (status == 200 && System.nanoTime() - deleted < 30_000_000_000L) {
                status = load.get(nodes.get(1).url() + rendition).statusCode();
                if (status == 200) Thread.sleep(50);
            }
            long millis = (System.nanoTime() - deleted) / 1_000_000;
            System.out.printf("cluster delete on node1: node2 answered %d after %d ms (bound %d ms + a store read)%n",
                    status, millis, GENERATION_CHECK_MS);
            assertThat(status).isEqualTo(404);
            assertThat(millis).as("the staleness bound, with room for a loaded machine")
                    .isLessThan(GENERATION_CHECK_MS + 5000);
        }
    }

    private static String servedBy(Load load, String path) throws Exception {
        return header(load.get(cluster.balancerUrl() + path), "X-Served-By");
    }

    private static String header(HttpResponse<byte[]> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private static int delete(String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).DELETE().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
