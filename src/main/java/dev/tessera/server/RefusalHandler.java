package dev.tessera.server;

import dev.tessera.config.Build;
import dev.tessera.image.ImageInfo;
import dev.tessera.metrics.Metrics;
import dev.tessera.options.OptionsParser;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.source.Originals;
import io.micrometer.core.instrument.Counter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The refusal fast path: while the render pool is refusing, a render ({@code GET|HEAD /images/{id}} with options,
 * or a {@code /remote} one whose source would be fetched, see {@link RemoteRefusals}) of a tenant being refused
 * gets its 503 here, ahead of the servlet layer and routing, store lookups and the JSON writer, when the pool
 * would refuse it anyway: the same answer as the routed path's (body, Retry-After, Retry-After-Ms, X-Request-Id,
 * the access-log line and metrics) at a fraction of its CPU. What the routed path
 * would answer otherwise (an unknown image, a bad option, a missing signature, a conditional request) goes on.
 * Past a rate the answers are held for a few milliseconds ({@link RefusalPace}). Renditions in this node's memory
 * are answered before this, by {@link HitHandler}.
 */
final class RefusalHandler extends Handler.Wrapper {
    private static final String PREFIX = "/images/";

    private final RenderPool pool;
    private final Originals originals;
    private final OptionsParser parser;
    private final SignatureCheck signatures;
    private final RemoteRefusals remote;
    private final AccessLog accessLog;
    private final Metrics metrics;
    private final Counter refusals;
    private final HttpFields fixed;
    private final RefusalPace pace;

    RefusalHandler(RenderPool pool, Originals originals, OptionsParser parser, SignatureCheck signatures,
                   RemoteRefusals remote, AccessLog accessLog, Metrics metrics, String node) {
        this(pool, originals, parser, signatures, remote, accessLog, metrics, node, RefusalPace.forThisMachine());
    }

    RefusalHandler(RenderPool pool, Originals originals, OptionsParser parser, SignatureCheck signatures,
                   RemoteRefusals remote, AccessLog accessLog, Metrics metrics, String node, RefusalPace pace) {
        this.pace = pace;
        this.pool = pool;
        this.originals = originals;
        this.parser = parser;
        this.signatures = signatures;
        this.remote = remote;
        this.accessLog = accessLog;
        this.metrics = metrics;
        this.refusals = metrics.rejectionCounter(ErrorCode.OVERLOADED.rejectionReason());
        this.fixed = HttpFields.build()
                .add(new PreEncodedHttpField(Headers.VERSION, Build.version()))
                .add(new PreEncodedHttpField("X-Content-Type-Options", "nosniff"))
                .add(new PreEncodedHttpField(Headers.SERVED_BY, node))
                .add(new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store"))
                .add(new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json"))
                .asImmutable();
    }


    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!pool.refusing()) return super.handle(request, response, callback); // the usual case: one volatile read
        long start = System.nanoTime();
        String path = request.getHttpURI().getPath();
        RemoteRefusals.Refusable fetch = path != null && path.startsWith(RemoteRefusals.PATH)
                && !request.getHeaders().contains(HttpHeader.IF_NONE_MATCH) && isRead(request)
                ? remote.of(request, path) : null;
        String tenant = fetch != null ? fetch.key() : refusedTenant(request);
        long retryMillis = tenant == null ? 0 : pool.refusalWhileRefused(tenant);
        if (retryMillis == 0) return super.handle(request, response, callback);
        String requestId = Headers.requestId(request.getHeaders().get(Headers.REQUEST_ID));
        byte[] body = ("{\"error\":{\"code\":\"" + ErrorCode.OVERLOADED.code() + "\",\"message\":\"the service is busy; "
                + "retry in about " + retryMillis + " ms\",\"retryAfterMs\":" + retryMillis + "}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpFields.Mutable headers = response.getHeaders();
        headers.add(fixed);
        headers.put(Headers.REQUEST_ID, requestId);
        headers.put("Retry-After-Ms", Long.toString(retryMillis));
        headers.put(HttpHeader.RETRY_AFTER, Long.toString(Math.max(1, (retryMillis + 999) / 1000)));
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.setStatus(503);
        boolean head = "HEAD".equals(request.getMethod());
        String route = fetch != null ? RemoteRefusals.PATH : FastHits.Route.IMAGES.template;
        String loggedTenant = fetch != null ? null : tenant; // the routed /remote path names the origin, no tenant
        String origin = fetch != null ? fetch.origin() : null;
        Runnable send = () -> {
            response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
            long nanos = System.nanoTime() - start;
            refusals.increment();
            metrics.request(route, 503, nanos);
            HttpURI uri = request.getHttpURI();
            accessLog.refusal(requestId, request.getMethod(), route, uri.getPath(), uri.getQuery(), loggedTenant,
                    origin, nanos);
        };
        long hold = pace.hold();
        if (hold == 0) send.run();
        else request.getComponents().getScheduler().schedule(send, hold, TimeUnit.NANOSECONDS);
        return true;
    }

    private static boolean isRead(Request request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    /**
     * The owner of the image this request would render, when the routed path would go as far as the render
     * pool with it (a GET or HEAD of a stored image, unconditional, signed if need be, with valid options), else null.
     */
    private String refusedTenant(Request request) throws Exception {
        String method = request.getMethod();
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath();
        if ((!"GET".equals(method) && !"HEAD".equals(method)) || path == null || !path.startsWith(PREFIX)
                || request.getHeaders().contains(HttpHeader.IF_NONE_MATCH)) {
            return null;
        }
        Matcher m = ImageRoutes.ID_AND_EXT.matcher(path.substring(PREFIX.length()));
        String query = uri.getQuery();
        if (!m.matches() || (query == null && m.group(2) == null)) return null; // not a render, or not an image id
        if (!signatures.passes(path, query, false)) return null;
        String ext = m.group(2) == null ? null : m.group(2).toLowerCase(Locale.ROOT);
        try {
            Map<String, List<String>> params = new LinkedHashMap<>();
            for (Fields.Field f : Request.extractQueryParameters(request)) params.put(f.getName(), f.getValues());
            if (parser.parse(ImageRoutes.renderQuery(params, ext)).isIdentity() && ext == null) return null;
        } catch (RuntimeException invalid) {
            return null; // a malformed query or a bad option: the routed path answers it (400)
        }
        Optional<ImageInfo> info = originals.info(m.group(1));
        return info.map(ImageInfo::tenant).orElse(null);
    }
}
