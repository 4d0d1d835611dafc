package dev.tessera.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code tessera loadtest} against a small HTTP server on loopback, read back through its JSON report. */
@Timeout(30)
class LoadtestTest {
    @TempDir
    Path dir;

    @Test
    void closedLoopCountsWhatTheServerReceived() throws IOException {
        try (TestServer server = new TestServer()) {
            Cli cli = run(server, "/images/a", "/images/b?w=10", "/images/c", "/images/missing");
            JsonNode r = report();

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(server.requests.get()).isEqualTo(200);
            assertThat(r.path("requests").asLong()).isEqualTo(200);
            assertThat(r.path("responses").asLong()).isEqualTo(200);
            assertThat(server.received("/images/b?w=10")).isEqualTo(50);
            assertThat(r.path("statuses").path("200").asLong()).isEqualTo(150);
            assertThat(r.path("statuses").path("404").asLong()).isEqualTo(50);
            assertThat(r.path("bytes").asLong())
                    .isEqualTo(150L * TestServer.BODY_BYTES + 50L * TestServer.NOT_FOUND.length);
            for (String value : TestServer.CACHE) assertThat(r.path("cache").path(value).asLong()).isEqualTo(50);
            assertThat(r.path("cache").path("hit-collapsed").asLong()).isZero();
            assertThat(r.path("cacheRatio").path("miss").asDouble()).isEqualTo(0.25);
            assertThat(r.path("hitRatio").asDouble()).isEqualTo(0.6667); // 100 hits of 150 with the header
            assertThat(r.path("errors").size()).isZero();
            assertThat(r.has("schedule")).isFalse();

            JsonNode l = r.path("latency");
            List<Double> percentiles = List.of(l.path("p50").asDouble(), l.path("p90").asDouble(),
                    l.path("p99").asDouble(), l.path("p999").asDouble(), l.path("max").asDouble());
            assertThat(percentiles.getFirst()).isPositive();
            assertThat(percentiles).isSorted();
            assertThat(r.path("series").size()).isPositive();
            assertThat(r.path("series").findValues("requests").stream().mapToLong(JsonNode::asLong).sum())
                    .isEqualTo(200);
            assertThat(cli.out()).contains("Latency (ms)", "hit-memory", "200: 150", "404: 50");
        }
    }

    @Test
    void htmlReportIsOfflineWithTwoPlots() throws IOException {
        try (TestServer server = new TestServer()) {
            run(server, "/images/a");
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "<polyline", "99%", "Latency by percentile");
        assertThat(html.split("<svg", -1)).hasSize(3);
        assertThat(html).doesNotContain("<script", "<link", "@import", "url(", "src=");
    }

    /** Rate 200/s on a server that takes 20 ms per request, one at a time: the queue must show. */
    @Test
    void openLoopMeasuresQueueingThatAClosedLoopHides() throws IOException {
        try (TestServer server = new TestServer(20, true)) {
            Path urls = urls("/images/a");
            Cli open = Cli.run(new LoadtestCommand(), "--base", server.base().toString(), "--urls", urls.toString(),
                    "--rate", "200", "--duration", "500ms", "--report", dir.resolve("open").toString());
            JsonNode openReport = report("open");
            assertThat(open.exitCode()).as(open.err()).isZero();
            assertThat(openReport.path("schedule").path("scheduled").asLong()).isEqualTo(100);
            assertThat(openReport.path("schedule").path("sent").asLong()).isEqualTo(100);
            assertThat(server.requests.get()).isEqualTo(100);

            Cli closed = Cli.run(new LoadtestCommand(), "--base", server.base().toString(), "--urls", urls.toString(),
                    "--concurrency", "1", "--duration", "1s", "--report", dir.resolve("closed").toString());
            JsonNode closedReport = report("closed");
            assertThat(closed.exitCode()).as(closed.err()).isZero();

            double closedP50 = closedReport.path("latency").path("p50").asDouble();
            double openP99 = openReport.path("latency").path("p99").asDouble();
            assertThat(closedP50).isBetween(20.0, 100.0);
            // the last of 100 requests waits for the 99 before it: about 2 s
            assertThat(openP99).isGreaterThan(1000.0).isGreaterThan(10 * closedP50);
            assertThat(open.out()).contains("Schedule", "100 due, 100 sent");
        }
    }

    /** With one request in flight at most, the sender itself falls behind: latency still counts from the schedule. */
    @Test
    void openLoopCountsLateSendsAndTheirWait() throws IOException {
        try (TestServer server = new TestServer(20, true)) {
            Cli cli = Cli.run(new LoadtestCommand(), "--base", server.base().toString(), "--urls",
                    urls("/images/a").toString(), "--rate", "200", "--duration", "500ms", "--max-in-flight", "1",
                    "--report", dir.resolve("report").toString());
            JsonNode r = report();
            assertThat(cli.exitCode()).as(cli.err()).isZero();
            JsonNode schedule = r.path("schedule");
            assertThat(schedule.path("scheduled").asLong()).isEqualTo(100);
            // about 25 fit in 500 ms at 20 ms each; all but (maybe) the first are late
            long sent = schedule.path("sent").asLong();
            assertThat(sent).isBetween(5L, 40L).isEqualTo(server.requests.get());
            assertThat(schedule.path("late").asLong()).isBetween(sent - 1, sent);
            // the last one sent was due at about 125 ms and answered at about 500 ms
            assertThat(r.path("latency").path("max").asDouble()).isGreaterThan(200.0);
        }
    }

    @Test
    void refusedConnectionsAreCountedAsErrors() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Cli cli = Cli.run(new LoadtestCommand(), "--base", "http://127.0.0.1:" + port, "--urls",
                urls("/images/a").toString(), "--concurrency", "2", "--requests", "6", "--duration", "10s",
                "--report", dir.resolve("report").toString());
        JsonNode r = report();
        assertThat(cli.exitCode()).isZero();
        assertThat(r.path("requests").asLong()).isEqualTo(6);
        assertThat(r.path("responses").asLong()).isZero();
        assertThat(r.path("errors").path("connect").asLong()).isEqualTo(6);
        assertThat(cli.out()).contains("connect: 6");
    }

    @Test
    void badArgumentsAreUsageErrors() throws IOException {
        Path urls = urls("/images/a");
        assertThat(Cli.run(new LoadtestCommand(), "--urls", urls.toString()).exitCode()).isEqualTo(2);
        assertThat(Cli.run(new LoadtestCommand(), "--urls", urls.toString(), "--rate", "5", "--concurrency", "2")
                .exitCode()).isEqualTo(2);
        Cli noUrls = Cli.run(new LoadtestCommand(), "--urls", urls("junk").toString(), "--concurrency", "1");
        assertThat(noUrls.exitCode()).isEqualTo(2);
        assertThat(noUrls.err()).contains("no URL in");
        Cli badHeader = Cli.run(new LoadtestCommand(), "--urls", urls.toString(), "--concurrency", "1",
                "--header", "no colon");
        assertThat(badHeader.exitCode()).isEqualTo(2);
        assertThat(Cli.run(new LoadtestCommand(), "--urls", urls.toString(), "--concurrency", "1", "--duration", "soon")
                .exitCode()).isEqualTo(2);
    }

    @Test
    void credentialsStayOutOfReports() {
        List<String> headers = List.of("Accept: image/webp", "authorization: Bearer s3cr3t", "Cookie: a=b");
        assertThat(LoadtestCommand.redacted(headers))
                .containsExactly("Accept: image/webp", "authorization: (hidden)", "Cookie: (hidden)");
    }

    /** 200 requests over the given paths, four at a time. */
    private Cli run(TestServer server, String... paths) throws IOException {
        return Cli.run(new LoadtestCommand(), "--base", server.base().toString(), "--urls", urls(paths).toString(),
                "--concurrency", "4", "--requests", "200", "--duration", "20s", "--header", "Accept: image/webp",
                "--report", dir.resolve("report").toString());
    }

    private Path urls(String... lines) throws IOException {
        return Files.write(Files.createTempFile(dir, "urls", ".txt"), List.of(lines));
    }

    private JsonNode report() throws IOException {
        return report("report");
    }

    private JsonNode report(String prefix) throws IOException {
        return new ObjectMapper().readTree(dir.resolve(prefix + ".json").toFile());
    }
}
