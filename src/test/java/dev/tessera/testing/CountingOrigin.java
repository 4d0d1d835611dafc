package dev.tessera.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP origin on a loopback address that counts the connections it accepts and answers each request with
 * 200 {@code ok}, or with a 302 to {@code redirectTo} when set. One request per connection.
 */
public final class CountingOrigin implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final String redirectTo;

    public CountingOrigin(InetAddress loopback, String redirectTo) throws IOException {
        if (!loopback.isLoopbackAddress()) throw new IllegalArgumentException("tests listen on loopback only");
        this.socket = new ServerSocket();
        this.socket.bind(new InetSocketAddress(loopback, 0), 16);
        this.redirectTo = redirectTo;
        Thread.ofVirtual().name("counting-origin").start(this::serve);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                connections.incrementAndGet();
                readHead(client.getInputStream());
                String response = redirectTo == null
                        ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                        : "HTTP/1.1 302 Found\r\nLocation: " + redirectTo
                                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                client.getOutputStream().write(response.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                if (socket.isClosed()) return;
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == 4) return;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
