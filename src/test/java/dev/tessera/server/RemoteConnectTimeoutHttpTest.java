package dev.tessera.server;

import static dev.tessera.server.Api.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An origin that never accepts: a loopback listener with a backlog of 1 whose accept queue is filled by raw
 * connections, so the kernel drops the next SYN and a connect hangs. Only the connect timeout (300 ms here; first
 * byte and total are 20 s, beyond the test's own limit) can end the request, with 504 {@code remote_timeout}.
 */
class RemoteConnectTimeoutHttpTest {
    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 15, unit = TimeUnit.SECONDS)
    void anOriginThatNeverAcceptsIsA504WhenTheConnectTimeoutPasses() throws Exception {
        Path config = Files.writeString(dataDir.resolve("tessera.yaml"), """
                remote: {allowPrivate: true, connectTimeoutMs: 300, firstByteTimeoutMs: 20000, totalTimeoutMs: 20000}
                """);
        List<Socket> filling = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             TestServer server = TestServer.start(dataDir, config)) {
            assertThat(fillAcceptQueue(listener, filling)).as("the accept queue filled up").isTrue();
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/a.png";

            Response r = server.get("/remote?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&w=10");

            assertThat(assertError(r, 504).path("code").asText()).isEqualTo("remote_timeout");
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        } finally {
            for (Socket s : filling) s.close();
        }
    }

    /** Connects raw sockets until one cannot connect: the listener's accept queue is full. */
    private static boolean fillAcceptQueue(ServerSocket listener, List<Socket> filling) throws Exception {
        for (int i = 0; i < 8; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()), 200);
                filling.add(s);
            } catch (SocketTimeoutException full) {
                s.close();
                return true;
            }
        }
        return false;
    }
}
