package dev.tessera.server;

import dev.tessera.cache.CacheResult;
import dev.tessera.metrics.Metrics;
import dev.tessera.rendition.RenditionService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Answers a repeated GET or HEAD of a rendition or template render that this node's memory holds, as a Jetty core
 * handler ahead of the servlet layer and Javalin's routing: the headers the routed path sent (pre-built, see
 * {@link FastHits}), a fresh request id and Server-Timing, the access log line and the metrics. Anything else,
 * conditional requests and renditions no longer in memory included, goes on to the routed path.
 * <p>It never blocks, so Jetty calls it on the thread that read the request (no thread hand-off per hit); it
 * hands everything it does not answer to a virtual thread of its own, where the blocking routed path runs.
 */
final class HitHandler extends Handler.Wrapper {
    private static final String SERVER_TIMING = "Server-Timing";
    /** Server-Timing of lookups under 10 ms, encoded once: {@code cache;dur=0.0} to {@code cache;dur=9.9}. */
    private static final HttpField[] SERVER_TIMINGS = IntStream.range(0, 100)
            .mapToObj(t -> new PreEncodedHttpField(SERVER_TIMING, "cache;dur=" + t / 10 + "." + t % 10))
            .toArray(HttpField[]::new);

    private final FastHits hits;
    private final RenditionService renditions;
    private final AccessLog accessLog;
    private final Timer imageRequests;
    private final Timer renderRequests;
    private final Counter memoryHits;
    private final ThreadFactory routed = Thread.ofVirtual().name("routed-", 0).factory();

    HitHandler(FastHits hits, RenditionService renditions, AccessLog accessLog, Metrics metrics) {
        this.hits = hits;
        this.renditions = renditions;
        this.accessLog = accessLog;
        this.imageRequests = metrics.requestTimer(FastHits.Route.IMAGES.template, 200);
        this.renderRequests = metrics.requestTimer(FastHits.Route.RENDER.template, 200);
        this.memoryHits = metrics.cacheLookupCounter("memory", "hit");
    }

    /** Non-blocking whatever is inside: {@link #route} moves the rest off the calling thread. */
    @Override
    public Invocable.InvocationType getInvocationType() {
        return Invocable.InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath();
        if ((!head && !"GET".equals(method)) || path == null
                || request.getHeaders().contains(HttpHeader.IF_NONE_MATCH)) {
            return route(request, response, callback);
        }
        FastHits.Target target = new FastHits.Target(path, uri.getQuery());
        FastHits.Hit hit = hits.get(target);
        CacheResult cached = hit == null ? null : renditions.fromMemory(hit.cacheId(), hit.key());
        if (cached == null) {
            if (hit != null) hits.forget(target);
            return route(request, response, callback);
        }
        byte[] body = cached.rendition().body();
        long lookup = System.nanoTime() - start;
        String requestId = Headers.requestId(request.getHeaders().get(Headers.REQUEST_ID));
        HttpFields.Mutable headers = response.getHeaders(); // a new response: add, as put would look for each first
        headers.add(hit.fields());
        headers.add(new HttpField(Headers.REQUEST_ID, requestId));
        headers.add(serverTiming(lookup));
        headers.add(hit.bodyBytes() == body.length ? hit.contentLength() // encoded once; the same key, the same bytes
                : new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, body.length));
        response.setStatus(200);
        response.write(true, head ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(body), callback);
        long nanos = System.nanoTime() - start;
        if (hit.route().countsLookup) memoryHits.increment();
        (hit.route() == FastHits.Route.IMAGES ? imageRequests : renderRequests).record(nanos, TimeUnit.NANOSECONDS);
        accessLog.hit(requestId, method, hit.log(), body.length, nanos, lookup);
        return true;
    }

    /** {@code cache;dur=} and the lookup's milliseconds, as {@link JsonLine#tenths} writes them. */
    static HttpField serverTiming(long lookupNanos) {
        double millis = lookupNanos / 1e6;
        long tenths = Math.round(Math.abs(millis) * 10);
        return tenths < SERVER_TIMINGS.length ? SERVER_TIMINGS[(int) tenths]
                : new HttpField(SERVER_TIMING,
                        JsonLine.tenths(new StringBuilder(16).append("cache;dur="), millis).toString());
    }

    /** The routed path, on a virtual thread: a 404 when nothing inside handles the request, a 500 when it throws. */
    private boolean route(Request request, Response response, Callback callback) {
        routed.newThread(() -> {
            try {
                if (!super.handle(request, response, callback)) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable failure) {
                Response.writeError(request, response, callback, failure);
            }
        }).start();
        return true;
    }
}
