package dev.tessera.testing;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real origin HTTP server on loopback for remote-source tests: paths answered by handlers set per test, every
 * request counted and its headers kept, and {@link #hang} handlers released when the origin closes.
 */
public final class TestOrigin implements AutoCloseable {
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Javalin app;

    private TestOrigin() {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = 0;
            cfg.routes.get("/*", this::handle);
        }).start();
    }

    public static TestOrigin start() {
        return new TestOrigin();
    }

    private void handle(Context ctx) throws Exception {
        hits.computeIfAbsent(ctx.path(), p -> new AtomicInteger()).incrementAndGet();
        Map<String, String> headers = new ConcurrentHashMap<>(ctx.headerMap());
        headers.put(":path", ctx.path());
        requests.add(headers);
        Handler handler = handlers.get(ctx.path());
        if (handler == null) {
            ctx.status(404).result("no such test path");
        } else {
            handler.handle(ctx);
        }
    }

    /** Answers {@code path} with {@code handler} from now on. */
    public TestOrigin on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    /** Answers {@code path} with the bytes and the given headers (name, value, ...). */
    public TestOrigin image(String path, byte[] body, String... headers) {
        return on(path, ctx -> {
            for (int i = 0; i < headers.length; i += 2) ctx.header(headers[i], headers[i + 1]);
            ctx.contentType("application/octet-stream").result(body);
        });
    }

    /** Holds the request until the origin closes (or a minute passes): an origin that never answers. */
    public void hang() throws InterruptedException {
        closing.await(60, TimeUnit.SECONDS);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    public int port() {
        return app.port();
    }

    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** Requests to every path so far. */
    public int hits() {
        return hits.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The headers of each request to {@code path}, in order (names as sent). */
    public List<Map<String, String>> requests(String path) {
        return requests.stream().filter(r -> path.equals(r.get(":path"))).toList();
    }

    @Override
    public void close() {
        closing.countDown();
        app.stop();
    }
}
