package dev.tessera.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code tessera warm} against a small HTTP server on loopback. */
@Timeout(30)
class WarmTest {
    @TempDir
    Path dir;

    @Test
    void requestsEveryUrlOnceAndSucceeds() throws IOException {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 40; i++) paths.add("/images/" + i + "?w=" + (i * 10));
        List<String> lines = new ArrayList<>(paths);
        lines.addAll(paths.subList(0, 10)); // repeats are requested once
        lines.add("not a url");
        try (TestServer server = new TestServer()) {
            Cli cli = warm(server, lines);
            assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
            assertThat(server.requests.get()).isEqualTo(40);
            for (String path : paths) assertThat(server.received(path)).as(path).isEqualTo(1);
            assertThat(cli.out()).contains("Warming 40 URLs", "repeats: 10, lines skipped: 1", "Warmed 40 of 40 URLs");
        }
    }

    @Test
    void reportsFailuresAndExitsWithOne() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 15; i++) lines.add("/images/missing-" + i);
        lines.add("/images/fine");
        try (TestServer server = new TestServer()) {
            Cli cli = warm(server, lines);
            assertThat(cli.exitCode()).isEqualTo(1);
            assertThat(server.requests.get()).isEqualTo(16);
            assertThat(cli.out()).contains("Warmed 1 of 16 URLs", "15 failed (404: 15)", "... and 5 more")
                    .containsPattern("404 +http://127\\.0\\.0\\.1:\\d+/images/missing-");
            assertThat(cli.out().lines().filter(l -> l.contains("/images/missing-")))
                    .hasSize(WarmCommand.SHOWN_FAILURES);
        }
    }

    @Test
    void countsConnectionErrorsAsFailures() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Cli cli = Cli.run(new WarmCommand(), "--base", "http://127.0.0.1:" + port, "--urls",
                Files.write(dir.resolve("urls"), List.of("/a", "/b")).toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).contains("2 failed (connect: 2)");
    }

    private Cli warm(TestServer server, List<String> lines) throws IOException {
        Path urls = Files.write(dir.resolve("urls"), lines);
        return Cli.run(new WarmCommand(), "--base", server.base().toString(), "--urls", urls.toString(),
                "--concurrency", "4");
    }
}
