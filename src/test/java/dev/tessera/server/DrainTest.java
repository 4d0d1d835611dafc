package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graceful stop: /ready turns 503 at once while every route (and /health) serves on through the drain delay;
 * then the listener closes, and an upload still arriving from a slow client finishes with its answer.
 */
class DrainTest {
    private static final Executor THREADS = Executors.newVirtualThreadPerTaskExecutor();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aDrainingNodeIsUnreadyServesOnThenFinishesWhatIsInFlight(@TempDir Path data) throws Exception {
        TesseraServer server = TesseraServer.start(ConfigLoader.load(null, Map.of("TESSERA_PORT", "0",
                "TESSERA_HOST", "127.0.0.1", "TESSERA_DATA_DIR", data.toString(), "TESSERA_NODE_ID", "node-a",
                "TESSERA_DRAIN_DELAY_MS", "4000")));
        int port = server.port();
        var health = get(port, "/health");
        assertThat(health.headers().firstValue("X-Served-By")).hasValue("node-a");
        assertThat(get(port, "/metrics").body()).contains("node=\"node-a\"");
        assertThat(get(port, "/ready").statusCode()).isEqualTo(200);

        byte[] png = Images.quadrantsPng();
        try (Socket upload = new Socket("127.0.0.1", port)) {
            OutputStream out = upload.getOutputStream();
            out.write(("POST /images HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\nContent-Length: "
                    + png.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            AtomicBoolean finish = new AtomicBoolean();
            CompletableFuture<Void> body = CompletableFuture.runAsync(() -> trickle(out, png, finish), THREADS);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    server.drainAndClose();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, THREADS);
            var ready = awaitStatus(port, "/ready", 503);
            assertThat(ready.body()).contains("\"draining\"");
            assertThat(get(port, "/health").statusCode()).isEqualTo(200);
            assertThat(get(port, "/images/" + "0".repeat(64)).statusCode()).isEqualTo(404); // still routed

            awaitRefused(port); // the drain delay is over: no new connections
            assertThat(stopped).isNotDone(); // the upload holds the stop
            finish.set(true);
            body.get(30, TimeUnit.SECONDS);
            String answer = readAll(upload.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 201");
            stopped.get(30, TimeUnit.SECONDS);
        }
    }

    private static java.net.http.HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
    }

    private static java.net.http.HttpResponse<String> awaitStatus(int port, String path, int status) throws Exception {
        for (int i = 0; i < 200; i++) {
            var r = get(port, path);
            if (r.statusCode() == status) return r;
            Thread.sleep(10);
        }
        throw new AssertionError(path + " never answered " + status);
    }

    private static void awaitRefused(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(50);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                Thread.sleep(50);
            }
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    /** A slow client: a byte every 50 ms (the connection is never idle) until told to send the rest. */
    private static void trickle(OutputStream out, byte[] body, AtomicBoolean finish) {
        try {
            int sent = 0;
            while (!finish.get() && sent < body.length - 1) {
                out.write(body[sent++]);
                out.flush();
                Thread.sleep(50);
            }
            out.write(body, sent, body.length - sent);
            out.flush();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
