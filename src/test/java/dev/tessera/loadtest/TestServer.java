package dev.tessera.loadtest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP server on 127.0.0.1: 200 with {@link #BODY_BYTES} bytes, or 404 for paths containing "missing";
 * an {@code X-Cache} header cycling through {@link #CACHE} (no header for "none"); an optional sleep per
 * request, served one at a time when {@code serial}. Counts what it received.
 */
final class TestServer implements AutoCloseable {
    static final List<String> CACHE = List.of("hit-memory", "hit-store", "miss", "none");
    static final int BODY_BYTES = 1000;
    static final byte[] NOT_FOUND = "not found".getBytes();

    final AtomicInteger requests = new AtomicInteger();
    final Map<String, AtomicInteger> byTarget = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService threads;
    private final long sleepMillis;

    TestServer(long sleepMillis, boolean serial) throws IOException {
        this.sleepMillis = sleepMillis;
        threads = serial ? Executors.newSingleThreadExecutor() : Executors.newVirtualThreadPerTaskExecutor();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    TestServer() throws IOException {
        this(0, false);
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int received(String target) {
        AtomicInteger n = byTarget.get(target);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int n = requests.getAndIncrement();
        byTarget.computeIfAbsent(exchange.getRequestURI().toString(), k -> new AtomicInteger()).incrementAndGet();
        try {
            Thread.sleep(sleepMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String cache = CACHE.get(n % CACHE.size());
        if (!cache.equals("none")) exchange.getResponseHeaders().set("X-Cache", cache);
        boolean missing = exchange.getRequestURI().getPath().contains("missing");
        byte[] body = missing ? NOT_FOUND : new byte[BODY_BYTES];
        exchange.sendResponseHeaders(missing ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
