package harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A Tessera server started with `./tessera serve` on 127.0.0.1 (the PID is the JVM's: the launcher execs java). */
public final class Server implements AutoCloseable {
    private final Process process;
    private final RssSampler rss;
    public final URI base;

    private Server(Process process, URI base) {
        this.process = process;
        this.base = base;
        this.rss = new RssSampler(process.pid());
    }

    /** Starts a server on a fresh {@code dataDir}, with {@code env} over the defaults; waits (60 s at most) for /health. */
    public static Server start(Path root, Path dataDir, int port, Map<String, String> env, Path log)
            throws IOException, InterruptedException {
        return start(List.of(), root, dataDir, port, env, log);
    }

    /** The same, the command run through {@code prefix} (e.g. taskset: it execs, so the PID is still the JVM's). */
    public static Server start(List<String> prefix, Path root, Path dataDir, int port, Map<String, String> env, Path log)
            throws IOException, InterruptedException {
        requireFree(port);
        deleteTree(dataDir);
        Files.createDirectories(dataDir);
        List<String> command = new java.util.ArrayList<>(prefix);
        command.addAll(List.of(root.resolve("tessera").toString(), "serve"));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // ./tessera bench sets these for in-process benchmarks; the server runs as shipped
        pb.environment().remove("VIPS_CONCURRENCY");
        pb.environment().remove("VIPS_WARNING");
        pb.environment().putAll(Map.of("TESSERA_HOST", "127.0.0.1", "TESSERA_PORT", Integer.toString(port),
                "TESSERA_DATA_DIR", dataDir.toString()));
        pb.environment().putAll(env);
        Server server = new Server(pb.start(), URI.create("http://127.0.0.1:" + port));
        server.awaitHealthy(log);
        return server;
    }

    /** So that /health is answered by our server, not by another one already there. */
    private static void requireFree(int port) throws IOException {
        try {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
        } catch (IOException taken) {
            throw new IOException("port " + port + " is taken on 127.0.0.1: pass --port N", taken);
        }
    }

    private void awaitHealthy(Path log) throws InterruptedException, IOException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest health = HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) throw new IOException("the server exited; see " + log);
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        rss.start();
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
        }
        close();
        throw new IOException("the server did not answer /health within 60 s; see " + log);
    }

    /** Starts a new peak: the kernel's high-water mark and the sampled maximum. */
    public void resetPeak() {
        rss.reset();
    }

    /** Peak resident memory since the start or the last reset, in MB (the larger of VmHWM and the samples). */
    public double peakRssMb() {
        return rss.peakMb();
    }

    @Override
    public void close() {
        rss.stop();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
