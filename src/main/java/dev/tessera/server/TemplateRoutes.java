package dev.tessera.server;

import dev.tessera.cache.CacheResult;
import dev.tessera.processing.StageTimings;
import dev.tessera.security.WriteAccess;
import dev.tessera.templates.StoredTemplate;
import dev.tessera.templates.TemplatePlan;
import dev.tessera.templates.TemplateRenders;
import dev.tessera.templates.TemplateStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /templates/{name}} (store, read) and {@code /render/{name}} (a template rendered with its slots). */
final class TemplateRoutes {
    static final int MAX_DEFINITION_BYTES = 256 * 1024;

    private final TemplateStore store;
    private final TemplateRenders renders;
    private final WriteAccess writeAccess;
    private final SignatureCheck signatures;
    private final String cacheControl;
    private final FastHits fastHits;

    TemplateRoutes(TemplateStore store, TemplateRenders renders, WriteAccess writeAccess, SignatureCheck signatures,
                   String cacheControl, FastHits fastHits) {
        this.store = store;
        this.renders = renders;
        this.writeAccess = writeAccess;
        this.signatures = signatures;
        this.cacheControl = cacheControl;
        this.fastHits = fastHits;
    }

    void register(RoutesConfig routes) {
        routes.put("/templates/{name}", this::put);
        routes.get("/templates/{name}", this::get);
        routes.get("/templates/{name}/layout", this::layout);
        routes.get("/render/{name}", this::render);
        routes.head("/render/{name}", this::render);
    }

    private void put(Context ctx) throws IOException {
        String tenant = writeAccess.authorize(ctx.header("Authorization"), ctx.req().getRemoteAddr());
        RequestRecord.of(ctx).tenant = tenant;
        byte[] body = body(ctx);
        TemplateStore.Put put = store.put(ctx.pathParam("name"), body, tenant);
        if (put.replacedHash() != null) renders.purge(put.replacedHash());
        StoredTemplate t = put.template();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", t.name());
        answer.put("version", t.hash());
        answer.put("url", "/render/" + t.name());
        ctx.header("Location", "/templates/" + t.name());
        Json.write(ctx, put.created() ? 201 : 200, answer);
    }

    private static byte[] body(Context ctx) throws IOException {
        if (ctx.req().getContentLengthLong() > MAX_DEFINITION_BYTES) throw tooLarge();
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(MAX_DEFINITION_BYTES + 1);
            if (body.length > MAX_DEFINITION_BYTES) throw tooLarge();
            return body;
        }
    }

    private static ApiError tooLarge() {
        return new ApiError(ErrorCode.INVALID_TEMPLATE, "a template definition is at most " + MAX_DEFINITION_BYTES
                + " bytes", "body");
    }

    private void get(Context ctx) throws IOException {
        StoredTemplate t = store.get(ctx.pathParam("name"));
        ctx.header("ETag", "\"" + t.hash() + "\"").header("Cache-Control", "no-cache");
        ctx.status(200).contentType("application/json").result(t.json());
    }

    /** What each text layer's fitting chose for these slots: {@code {"layers":[{layer,size,lines,cut}]}}. */
    private void layout(Context ctx) throws Exception {
        RequestRecord.of(ctx).notFoundMaxAge = 0;
        signatures.check(ctx, false);
        StoredTemplate template = store.get(ctx.pathParam("name"));
        RequestRecord.of(ctx).tenant = template.owner();
        TemplatePlan plan = renders.plan(template, ctx.queryParamMap());
        ctx.header("Cache-Control", "no-store");
        Json.write(ctx, 200, Map.of("layers", renders.textFits(plan)));
    }

    /** Renders, or answers from the cache; remembers the answer for {@link HitHandler} to answer repeats. */
    private void render(Context ctx) throws Exception {
        RequestRecord request = RequestRecord.of(ctx);
        request.notFoundMaxAge = 0; // a missing template or layer image may appear any moment: never cached
        signatures.check(ctx, false);
        StoredTemplate template = store.get(ctx.pathParam("name"));
        Map<String, List<String>> query = ctx.queryParamMap();
        TemplatePlan plan = renders.plan(template, query);
        if (Headers.matches(ctx.header("If-None-Match"), plan.etag())) {
            ctx.header("ETag", plan.etag()).header("Cache-Control", cacheControl).status(304);
            return;
        }
        StageTimings timings = new StageTimings();
        request.tenant = template.owner();
        request.timings = timings;
        CacheResult result = renders.serve(plan, timings);
        byte[] image = result.rendition().body();
        request.bytes = (long) image.length;
        String disposition = "inline; filename=\"" + template.name() + "." + plan.format().extension() + "\"";
        String contentType = result.rendition().contentType();
        ctx.header("ETag", plan.etag()).header("Cache-Control", cacheControl)
                .header("X-Cache", result.tier().header()).header("Server-Timing", timings.serverTiming())
                .header("Content-Disposition", disposition).contentType(contentType);
        Bodies.write(ctx, image);
        fastHits.remember(new FastHits.Target(ctx.req().getRequestURI(), ctx.req().getQueryString()), plan,
                cacheControl, contentType, disposition, () -> store.current(template), image.length);
    }
}
