package dev.tessera.server;

import dev.tessera.cache.CacheTier;
import dev.tessera.metrics.Metrics;
import dev.tessera.options.RenderOptions;
import dev.tessera.processing.StageTimings;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * After each response: one JSON line to the access log (request id, route, status, bytes, duration, cache
 * result, tenant, stages; the signature redacted, never keys), written by a background thread so requests
 * never wait for it (lines beyond what its buffers hold are dropped and counted in
 * {@code tessera_access_log_dropped_total}); request and rejection metrics; and a slow-render line for renders over
 * the threshold.
 * <p>Lines go into one of two byte buffers while the writer writes the other: no string or queue node per line
 * stays alive across young collections (a queue of strings had them promoted and the old generation growing by
 * ~2 MB/s under hits, bench/RESULTS.md).
 */
final class AccessLog implements AutoCloseable {
    private static final Pattern SIG = Pattern.compile("(^|&)sig=[^&]*");
    private static final Pattern URL = Pattern.compile("(^|&)url=[^&]*");

    /** A hit line's bytes besides its fixed fields, at most (a request id is up to 128). */
    private static final int HIT_LINE_REST = 300;

    /** How long the writer sleeps once the buffer is empty: how late a line may appear. */
    private static final long IDLE_MILLIS = 20;
    /** How long it sleeps after a write, so that a busy node writes batches, not a write per line or two. */
    private static final long BATCH_MILLIS = 5;
    /** The most one buffer holds (~20k lines): what the writer may fall behind by before lines are dropped. */
    private static final int MAX_BUFFER_BYTES = 8 << 20;
    /** The most one write hands the channel (NIO copies a heap buffer into a cached direct one of its size). */
    private static final int MAX_WRITE_BYTES = 256 << 10;

    private final Metrics metrics;
    private final WritableByteChannel out;
    private final boolean enabled;
    private final long slowRenderMillis;
    /** The buffer requests append to (guarded by this); the writer swaps it with {@link #writing}. */
    private LineBytes filling = new LineBytes();
    private LineBytes writing = new LineBytes(); // the writer thread's
    private volatile boolean closing;
    private final Thread writer;
    /** The last time stamp, reused by the lines of that millisecond. */
    private volatile Stamp stamp = new Stamp(0, "");

    private record Stamp(long millis, String text) {}

    /** {@code out}: never interrupted (an interrupt would close it), nor closed here. */
    AccessLog(Metrics metrics, WritableByteChannel out, boolean enabled, long slowRenderMillis) {
        this.metrics = metrics;
        this.out = out;
        this.enabled = enabled;
        this.slowRenderMillis = slowRenderMillis;
        this.writer = Thread.ofPlatform().daemon().name("access-log").start(this::drain);
    }

    AccessLog(Metrics metrics, PrintStream out, boolean enabled, long slowRenderMillis) {
        this(metrics, Channels.newChannel(out), enabled, slowRenderMillis);
    }

    void log(Context ctx, float millis) {
        var matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched != null ? matched.path : "unmatched";
        int status = ctx.statusCode();
        metrics.request(route, status, (long) (millis * 1e6));
        RequestRecord request = RequestRecord.of(ctx);
        if (request.error != null && request.error.rejectionReason() != null) {
            metrics.rejection(request.error.rejectionReason());
        }
        if (request.refusedClass != null) metrics.remoteRefusal(request.refusedClass);
        StageTimings timings = request.timings;
        JsonLine line = new JsonLine();
        line.put("time", now());
        line.put("requestId", ctx.res().getHeader(Headers.REQUEST_ID));
        line.put("method", ctx.method().name());
        line.put("route", route);
        line.put("path", ctx.path());
        String query = ctx.queryString();
        if (query != null) line.put("query", redact(query));
        line.put("status", status);
        line.put("bytes", request.bytes);
        double durationMs = Math.round(millis * 10) / 10.0;
        line.put("durationMs", durationMs);
        line.put("cache", ctx.res().getHeader("X-Cache"));
        line.put("tenant", request.tenant);
        if (request.origin != null) line.put("origin", request.origin);
        if (request.error != null) line.put("error", request.error.code());
        if (timings != null) line.put("stages", timings.millis());
        if (enabled) write(line.toString());
        if (timings != null && timings.millis().containsKey("encode") && millis >= slowRenderMillis) {
            RenderOptions options = request.options;
            write(new JsonLine().put("slowRender", true).put("requestId", ctx.res().getHeader(Headers.REQUEST_ID))
                    .put("path", ctx.path()).put("options", options != null ? options.canonical() : null)
                    .put("durationMs", durationMs).put("stages", timings.millis()).toString());
        }
    }

    /**
     * The fields of a memory hit's line that are the same on every repeat, built once per rendition by
     * {@link FastHits}: those before the bytes (route, path, query, status) and those after the duration.
     */
    record HitFields(byte[] head, byte[] tail) {
        static HitFields of(String route, String path, String query, String tenant) {
            JsonLine head = new JsonLine().put("route", route).put("path", path);
            if (query != null) head.put("query", redact(query));
            return new HitFields(head.put("status", 200).fields().getBytes(StandardCharsets.UTF_8),
                    new JsonLine().put("cache", CacheTier.MEMORY.header()).put("tenant", tenant).fields()
                            .getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * A memory hit {@link HitHandler} answered ahead of routing: the same line as a routed one would be, from the
     * fixed fields and the few that change ({@code requestId} is safe to print as it is).
     */
    void hit(String requestId, String method, HitFields fields, long bytes, long nanos, long lookupNanos) {
        if (!enabled) return;
        String time = now();
        boolean written;
        synchronized (this) {
            LineBytes line = filling;
            written = line.room(fields.head().length + fields.tail().length + HIT_LINE_REST, MAX_BUFFER_BYTES);
            if (written) {
                line.ascii("{\"time\":\"").ascii(time).ascii("\",\"requestId\":\"").ascii(requestId)
                        .ascii("\",\"method\":\"").ascii(method).ascii("\",").raw(fields.head())
                        .ascii(",\"bytes\":").number(bytes).ascii(",\"durationMs\":").tenths(nanos / 1e6)
                        .ascii(',').raw(fields.tail()).ascii(",\"stages\":{\"cache\":").tenths(lookupNanos / 1e6)
                        .ascii("}}\n");
            }
        }
        if (!written) metrics.accessLogDropped();
    }

    /**
     * A render refused by {@link RefusalHandler} ahead of routing: the line the routed path's 503 would get
     * ({@code tenant} and {@code origin} left out when null).
     */
    void refusal(String requestId, String method, String route, String path, String query, String tenant,
                 String origin, long nanos) {
        if (!enabled) return;
        JsonLine line = new JsonLine().put("time", now()).put("requestId", requestId).put("method", method)
                .put("route", route).put("path", path);
        if (query != null) line.put("query", redact(query));
        write(line.put("status", 503).put("durationMs", Math.round(nanos / 1e5) / 10.0).put("tenant", tenant)
                .put("origin", origin).put("error", ErrorCode.OVERLOADED.code()).toString());
    }

    /**
     * The query with the signature's value replaced, so logs never hold a valid signed URL, and a remote
     * source's URL replaced too (it may carry the origin's own tokens; the origin host is logged instead).
     */
    static String redact(String query) {
        return URL.matcher(SIG.matcher(query).replaceAll("$1sig=REDACTED")).replaceAll("$1url=REDACTED");
    }

    /** Now in ISO-8601 to the millisecond, formatted once per millisecond. */
    private String now() {
        long millis = System.currentTimeMillis();
        Stamp s = stamp;
        if (s.millis() != millis) stamp = s = new Stamp(millis, Instant.ofEpochMilli(millis).toString());
        return s.text();
    }

    private void write(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        boolean written;
        synchronized (this) {
            written = filling.room(bytes.length, MAX_BUFFER_BYTES);
            if (written) filling.raw(bytes);
        }
        if (!written) metrics.accessLogDropped();
    }

    /** Writes what the buffer holds every few milliseconds, and once more when closing. */
    private void drain() {
        while (!closing) {
            pause(writeFilled() ? BATCH_MILLIS : IDLE_MILLIS);
        }
        writeFilled();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // not expected: close() does not interrupt
        }
    }

    /** Swaps the buffers and writes the one requests filled; false when it was empty. */
    private boolean writeFilled() {
        LineBytes batch;
        synchronized (this) {
            batch = filling;
            filling = writing;
        }
        writing = batch;
        if (batch.length() == 0) return false;
        try {
            for (int at = 0; at < batch.length(); ) {
                at += out.write(ByteBuffer.wrap(batch.array(), at, Math.min(MAX_WRITE_BYTES, batch.length() - at)));
            }
        } catch (IOException e) {
            // as PrintStream did: an output that fails (a closed pipe) loses its lines, the service goes on
        }
        batch.clear();
        return true;
    }

    /** Writes what is buffered, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
