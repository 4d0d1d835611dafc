package dev.tessera.server;

import dev.tessera.cache.CacheResult;
import dev.tessera.options.OptionsParser;
import dev.tessera.options.RenderOptions;
import dev.tessera.processing.StageTimings;
import dev.tessera.remote.Fetched;
import dev.tessera.remote.RemoteSources;
import dev.tessera.rendition.Plan;
import dev.tessera.rendition.RenditionService;
import dev.tessera.security.RemoteUrl;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /remote?url=…&{transform}}: a rendition of an image fetched from an origin, rendered as
 * {@code /images} renders (same params, negotiation, signing, ETag/304), with the configured Cache-Control and
 * {@code X-Source-Cache} telling how the source cache answered.
 */
final class RemoteRoutes {
    private final RemoteSources sources;
    private final RenditionService renditions;
    private final OptionsParser parser;
    private final SignatureCheck signatures;
    private final String cacheControl;
    private final long timeoutMs;

    RemoteRoutes(RemoteSources sources, RenditionService renditions, OptionsParser parser, SignatureCheck signatures,
                 String cacheControl, long timeoutMs) {
        this.sources = sources;
        this.renditions = renditions;
        this.parser = parser;
        this.signatures = signatures;
        this.cacheControl = cacheControl;
        this.timeoutMs = timeoutMs;
    }

    void register(RoutesConfig routes) {
        routes.get("/remote", this::get);
        routes.head("/remote", this::get);
    }

    private void get(Context ctx) throws Exception {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        signatures.check(ctx, false);
        Map<String, List<String>> query = new LinkedHashMap<>(ctx.queryParamMap());
        query.remove(""); // empty segments (a=1&&b=2), which the signer ignores too
        List<String> urls = query.remove("url");
        if (urls == null || urls.size() != 1 || urls.getFirst().isBlank()) {
            throw new ApiError(ErrorCode.INVALID_PARAMETER, "give the source as one url parameter", "url");
        }
        RenderOptions options = parser.parse(query);
        URI url = RemoteUrl.parse(urls.getFirst());
        RequestRecord request = RequestRecord.of(ctx);
        request.origin = url.getHost();
        Fetched fetched = sources.fetch(url, null, deadline);
        ctx.header("X-Source-Cache", fetched.result().header());
        Plan plan = renditions.plan(fetched.source(), options, ctx.header("Accept"));
        if (Headers.matches(ctx.header("If-None-Match"), plan.etag())) {
            successHeaders(ctx, plan);
            ctx.status(304);
            return;
        }
        StageTimings timings = new StageTimings();
        timings.record("fetch", fetched.fetchNanos());
        request.tenant = RemoteSources.ANONYMOUS; // the source's owner is its render key: tenant and origin
        request.timings = timings;
        request.options = plan.resolved();
        CacheResult result = renditions.serve(plan, timings);
        successHeaders(ctx, plan);
        String filename = plan.source().contentId() + "." + plan.resolved().output().format().extension();
        ctx.header("Content-Disposition", "inline; filename=\"" + filename + "\"");
        request.bytes = (long) result.rendition().body().length;
        ctx.header("X-Cache", result.tier().header()).header("Server-Timing", timings.serverTiming())
                .contentType(result.rendition().contentType());
        Bodies.write(ctx, result.rendition().body());
    }

    private void successHeaders(Context ctx, Plan plan) {
        ctx.header("ETag", plan.etag()).header("Cache-Control", cacheControl);
        if (plan.variesOnAccept()) ctx.header("Vary", "Accept");
    }
}
