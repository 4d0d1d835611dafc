import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback origin answering every path after {@code delayMs} with one JPEG, counting its requests. With
 * {@code distinct} (the load phases' origins, unless ORIGIN_BYTES=same) each path gets different bytes, a JPEG comment
 * naming the path right after SOI, so every URL is another image (another content hash, hence another render),
 * as distinct product photos are; with the same bytes everywhere, URLs share renditions and many "renders" are
 * memory hits. The Zipf phase keeps one photo for every URL: it counts origin requests, and distinct renders
 * would have admission refuse many requests before they fetch (a refused request asks the origin nothing).
 */
final class Origin implements AutoCloseable {
    static final boolean DISTINCT = !"same".equals(System.getenv("ORIGIN_BYTES"));

    final Javalin app;
    final AtomicInteger hits;

    Origin(byte[] jpeg, long delayMs, AtomicInteger hits, int port, boolean distinct) {
        this.hits = hits;
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = port;
            cfg.routes.get("/*", ctx -> {
                hits.incrementAndGet();
                if (delayMs > 0) Thread.sleep(delayMs);
                byte[] body = distinct ? distinct(jpeg, ctx.path()) : jpeg;
                ctx.header("Cache-Control", "max-age=3600").contentType("image/jpeg").result(body);
            });
        }).start();
    }

    /** The JPEG with a COM segment holding {@code path} inserted after its SOI marker. */
    static byte[] distinct(byte[] jpeg, String path) {
        byte[] text = path.getBytes(StandardCharsets.UTF_8);
        int length = text.length + 2;
        byte[] out = new byte[jpeg.length + 4 + text.length];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = (byte) (length >> 8);
        out[5] = (byte) length;
        System.arraycopy(text, 0, out, 6, text.length);
        System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
        return out;
    }

    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    @Override
    public void close() {
        app.stop();
    }
}
