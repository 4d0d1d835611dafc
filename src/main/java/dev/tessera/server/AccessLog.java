package dev.tessera.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.metrics.Metrics;
import dev.tessera.processing.StageTimings;
import io.javalin.http.Context;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * After each response: one JSON line to the access log (request id, route, status, bytes, duration,
 * cache result, tenant, stages; the signature redacted, never keys), request and rejection metrics,
 * and a slow-render line for renders over the threshold.
 */
final class AccessLog {
    static final String TENANT = "tessera.tenant";
    static final String TIMINGS = "tessera.timings";
    static final String OPTIONS = "tessera.options";
    static final String ERROR_CODE = "tessera.errorCode";
    static final String BYTES = "tessera.bytes";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> REJECTION_REASONS = Map.ofEntries(
            Map.entry("overloaded", "overload"), Map.entry("too_many_pixels", "limits"),
            Map.entry("too_many_frames", "limits"), Map.entry("output_too_large", "limits"),
            Map.entry("upload_too_large", "limits"), Map.entry("render_timeout", "limits"),
            Map.entry("missing_signature", "signature"), Map.entry("invalid_signature", "signature"),
            Map.entry("quota_exceeded", "quota"), Map.entry("missing_api_key", "auth"),
            Map.entry("unknown_api_key", "auth"), Map.entry("writes_loopback_only", "auth"));

    private final Metrics metrics;
    private final PrintStream out;
    private final boolean enabled;
    private final long slowRenderMillis;

    AccessLog(Metrics metrics, PrintStream out, boolean enabled, long slowRenderMillis) {
        this.metrics = metrics;
        this.out = out;
        this.enabled = enabled;
        this.slowRenderMillis = slowRenderMillis;
    }

    void log(Context ctx, float millis) {
        var matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched != null ? matched.path : "unmatched";
        int status = ctx.statusCode();
        metrics.request(route, status, (long) (millis * 1e6));
        String errorCode = ctx.attribute(ERROR_CODE);
        if (errorCode != null && REJECTION_REASONS.containsKey(errorCode)) {
            metrics.rejection(REJECTION_REASONS.get(errorCode));
        }
        StageTimings timings = ctx.attribute(TIMINGS);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("requestId", ctx.res().getHeader(Headers.REQUEST_ID));
        line.put("method", ctx.method().name());
        line.put("route", route);
        line.put("path", ctx.path());
        String query = ctx.queryString();
        if (query != null) line.put("query", redact(query));
        line.put("status", status);
        line.put("bytes", ctx.attribute(BYTES));
        line.put("durationMs", Math.round(millis * 10) / 10.0);
        line.put("cache", ctx.res().getHeader("X-Cache"));
        line.put("tenant", ctx.attribute(TENANT));
        if (errorCode != null) line.put("error", errorCode);
        if (timings != null) line.put("stages", timings.millis());
        if (enabled) write(line);
        if (timings != null && timings.millis().containsKey("encode") && millis >= slowRenderMillis) {
            Map<String, Object> slow = new LinkedHashMap<>();
            slow.put("slowRender", true);
            slow.put("requestId", line.get("requestId"));
            slow.put("path", ctx.path());
            slow.put("options", ctx.attribute(OPTIONS));
            slow.put("durationMs", line.get("durationMs"));
            slow.put("stages", timings.millis());
            write(slow);
        }
    }

    /** The query with the signature's value replaced, so logs never hold a valid signed URL. */
    static String redact(String query) {
        return query.replaceAll("(^|&)sig=[^&]*", "$1sig=REDACTED");
    }

    private void write(Map<String, Object> line) {
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
