package dev.tessera.server;

import dev.tessera.cache.CacheTier;
import dev.tessera.metrics.Metrics;
import dev.tessera.options.RenderOptions;
import dev.tessera.processing.StageTimings;
import io.javalin.http.Context;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Pattern;

/**
 * After each response: one JSON line to the access log (request id, route, status, bytes, duration, cache
 * result, tenant, stages; the signature redacted, never keys), written by a background thread so requests
 * never wait for it (a full queue drops lines and counts them in {@code tessera_access_log_dropped_total});
 * request and rejection metrics; and a slow-render line for renders over the threshold.
 */
final class AccessLog implements AutoCloseable {
    private static final Pattern SIG = Pattern.compile("(^|&)sig=[^&]*");
    private static final Pattern URL = Pattern.compile("(^|&)url=[^&]*");

    /** A hit line's characters besides its fixed fields, at most (a request id is up to 128). */
    private static final int HIT_LINE_REST = 300;

    /** How long the writer sleeps once the queue is empty: how late a line may appear. */
    private static final long IDLE_MILLIS = 20;

    private final Metrics metrics;
    private final PrintStream out;
    private final boolean enabled;
    private final long slowRenderMillis;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(65_536);
    private final Thread writer;
    /** The last time stamp, reused by the lines of that millisecond. */
    private volatile Stamp stamp = new Stamp(0, "");

    private record Stamp(long millis, String text) {}

    AccessLog(Metrics metrics, PrintStream out, boolean enabled, long slowRenderMillis) {
        this.metrics = metrics;
        this.out = out;
        this.enabled = enabled;
        this.slowRenderMillis = slowRenderMillis;
        this.writer = Thread.ofPlatform().daemon().name("access-log").start(this::drain);
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
    record HitFields(String head, String tail) {
        static HitFields of(String route, String path, String query, String tenant) {
            JsonLine head = new JsonLine().put("route", route).put("path", path);
            if (query != null) head.put("query", redact(query));
            return new HitFields(head.put("status", 200).fields(),
                    new JsonLine().put("cache", CacheTier.MEMORY.header()).put("tenant", tenant).fields());
        }
    }

    /**
     * A memory hit {@link HitHandler} answered ahead of routing: the same line as a routed one would be, from the
     * fixed fields and the few that change ({@code requestId} is safe to print as it is).
     */
    void hit(String requestId, String method, HitFields fields, long bytes, long nanos, long lookupNanos) {
        if (!enabled) return;
        StringBuilder line = new StringBuilder(fields.head().length() + fields.tail().length() + HIT_LINE_REST)
                .append("{\"time\":\"").append(now())
                .append("\",\"requestId\":\"").append(requestId).append("\",\"method\":\"").append(method)
                .append("\",").append(fields.head()).append(",\"bytes\":").append(bytes).append(",\"durationMs\":");
        JsonLine.tenths(line, nanos / 1e6);
        line.append(',').append(fields.tail()).append(",\"stages\":{\"cache\":");
        JsonLine.tenths(line, lookupNanos / 1e6).append("}}");
        write(line.toString());
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
        if (!lines.offer(line)) metrics.accessLogDropped();
    }

    /**
     * Prints queued lines in batches; flushes whenever the queue runs dry, then sleeps {@link #IDLE_MILLIS}: a
     * writer waiting on the queue was woken (and wrote) once per request: 15-25 % of the hits/s (bench/RESULTS.md).
     */
    private void drain() {
        StringBuilder batch = new StringBuilder(64 * 1024);
        try {
            while (true) {
                for (String line; batch.length() < 60_000 && (line = lines.poll()) != null; ) {
                    batch.append(line).append('\n');
                }
                if (batch.isEmpty()) {
                    Thread.sleep(IDLE_MILLIS);
                    continue;
                }
                print(batch);
                if (lines.isEmpty()) out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        writer.interrupt();
        try {
            writer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StringBuilder rest = new StringBuilder();
        for (String line; (line = lines.poll()) != null; ) rest.append(line).append('\n');
        print(rest);
        out.flush();
    }

    /** Writes the lines as UTF-8 bytes and empties the batch: PrintStream's own encoder costs more per line. */
    private void print(StringBuilder batch) {
        byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        batch.setLength(0);
    }
}
