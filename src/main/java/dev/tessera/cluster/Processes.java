package dev.tessera.cluster;

import dev.tessera.cluster.ClusterState.Member;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Child processes of a cluster: spawned with their output in a log, probed over HTTP, stopped by pid. */
final class Processes {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private Processes() {}

    /** {@code count} loopback ports: from {@code first} on, or free ones when it is 0. */
    static List<Integer> ports(int first, int count) throws IOException {
        List<Integer> ports = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                if (first > 0) {
                    ports.add(first + i);
                } else {
                    ServerSocket s = new ServerSocket();
                    s.bind(new InetSocketAddress("127.0.0.1", 0));
                    held.add(s);
                    ports.add(s.getLocalPort());
                }
            }
        } finally {
            for (ServerSocket s : held) s.close();
        }
        return ports;
    }

    /** Starts a process in the background, its stdout and stderr appended to {@code log}; returns its pid. */
    static long spawn(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        b.environment().putAll(env);
        return b.start().pid();
    }

    /** Waits until {@code member.url + path} answers {@code status}; fails with the log's tail if it dies first. */
    static void awaitStatus(Member member, String path, int status, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive(member)) throw new IOException(member.name() + " exited while starting:\n" + tail(log));
            if (status(member.url() + path) == status) return;
            Thread.sleep(100);
        }
        throw new IOException(member.name() + " did not answer " + status + " at " + path + " within "
                + START_TIMEOUT + ":\n" + tail(log));
    }

    /** The HTTP status of a GET, or -1 when it cannot be had. */
    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static boolean alive(Member m) {
        return handle(m).map(ProcessHandle::isAlive).orElse(false);
    }

    /** SIGTERM to each, then SIGKILL to those still alive after {@code timeout}. */
    static void stop(List<Member> members, Duration timeout) throws InterruptedException {
        for (Member m : members) handle(m).ifPresent(ProcessHandle::destroy);
        for (Member m : members) kill(m, timeout);
    }

    /** SIGKILL once {@code grace} has passed without an exit; waits for the process to be gone. */
    static void kill(Member m, Duration grace) throws InterruptedException {
        Optional<ProcessHandle> h = handle(m);
        if (h.isEmpty()) return;
        try {
            h.get().onExit().get(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            h.get().destroyForcibly();
            try {
                h.get().onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException gone) {
                // reported by status as alive, if it ever is
            }
        }
    }

    private static Optional<ProcessHandle> handle(Member m) {
        return ProcessHandle.of(m.pid()).filter(ProcessHandle::isAlive);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
