package dev.tessera.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.image.ImageInfo;
import dev.tessera.metrics.DashboardStats;
import dev.tessera.options.OptionsParser;
import dev.tessera.security.UrlSigner;
import dev.tessera.security.WriteAccess;
import dev.tessera.source.ImagePage;
import dev.tessera.source.Originals;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON the web pages use: {@code /params.json} (the parameter schema), {@code GET /images} (recent
 * uploads), {@code POST /sign} (a signed URL for an API key holder) and {@code /stats.json} (the dashboard).
 */
final class WebApiRoutes {
    private static final Pattern SIGNABLE = Pattern.compile("/(images/[0-9a-f]{64}(\\.[a-z]{3,4})?|remote|render/[^?#/]+)"
            + "(\\?[^#\\s]*)?");
    private static final int MAX_LIMIT = 100;

    private final OptionsParser parser;
    private final Originals originals;
    private final WriteAccess access;
    private final boolean apiKeys;
    private final UrlSigner signer;
    private final DashboardStats stats;

    WebApiRoutes(OptionsParser parser, Originals originals, WriteAccess access, boolean apiKeys, UrlSigner signer,
                 DashboardStats stats) {
        this.parser = parser;
        this.originals = originals;
        this.access = access;
        this.apiKeys = apiKeys;
        this.signer = signer;
        this.stats = stats;
    }

    void register(RoutesConfig routes) {
        routes.get("/params.json", ctx -> Json.write(ctx.header("Cache-Control", "no-cache"), 200, Map.of(
                "params", parser.schema(), "apiKeys", apiKeys, "signedUrls", signer.enabled())));
        routes.get("/images", this::list);
        routes.post("/sign", this::sign);
        routes.get("/stats.json", ctx -> Json.write(ctx.header("Cache-Control", "no-store"), 200, stats.snapshot()));
    }

    /** The caller's own uploads with API keys configured; else (loopback only, like writes) every upload. */
    private void list(Context ctx) throws IOException {
        String tenant = authorize(ctx);
        int limit = limit(ctx.queryParam("limit"));
        ImagePage page;
        try {
            page = originals.recent(apiKeys ? tenant : null, limit, ctx.queryParam("cursor"));
        } catch (IllegalArgumentException e) {
            throw new ApiError(ErrorCode.INVALID_PARAMETER, e.getMessage(), "cursor");
        }
        List<Map<String, Object>> images = page.images().stream().map(WebApiRoutes::entry).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("images", images);
        body.put("next", page.next());
        Json.write(ctx.header("Cache-Control", "no-store"), 200, body);
    }

    private static Map<String, Object> entry(ImagePage.Entry e) {
        ImageInfo info = e.info();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", info.id());
        m.put("width", info.header().width());
        m.put("height", info.header().height());
        m.put("format", info.format().id());
        m.put("bytes", info.bytes());
        m.put("url", "/images/" + info.id());
        m.put("uploadedAt", e.uploadedAt().toString());
        return m;
    }

    private static int limit(String text) {
        if (text == null) return 20;
        if (text.matches("\\d{1,3}") && Integer.parseInt(text) >= 1 && Integer.parseInt(text) <= MAX_LIMIT) {
            return Integer.parseInt(text);
        }
        throw new ApiError(ErrorCode.INVALID_PARAMETER, "limit must be an integer from 1 to " + MAX_LIMIT, "limit");
    }

    /** {@code {"url": "/images/{id}?w=300"}} to the same URL with {@code sig} (unchanged without signing keys). */
    private void sign(Context ctx) {
        RequestRecord.of(ctx).tenant = authorize(ctx);
        String url = url(ctx.bodyAsBytes());
        if (!SIGNABLE.matcher(url).matches()) {
            throw new ApiError(ErrorCode.INVALID_PARAMETER,
                    "url must be a path of /images/{id}, /remote or /render/{name}, with its query", "url");
        }
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : UrlSigner.withoutSignature(url.substring(q + 1));
        if (!signer.enabled()) {
            Json.write(ctx, 200, Map.of("url", path + (query.isEmpty() ? "" : "?" + query), "signed", false));
            return;
        }
        String sig = signer.sign(path, query);
        Json.write(ctx, 200, Map.of("url", path + "?" + (query.isEmpty() ? "" : query + "&") + "sig=" + sig,
                "signed", true));
    }

    private static String url(byte[] body) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ApiError(ErrorCode.BAD_REQUEST, "the body must be JSON: {\"url\": \"/images/{id}?...\"}");
        }
        JsonNode url = node == null ? null : node.get("url");
        if (url == null || !url.isTextual()) {
            throw new ApiError(ErrorCode.INVALID_PARAMETER, "url must be given as a string", "url");
        }
        return url.asText();
    }

    private String authorize(Context ctx) {
        return access.authorize(ctx.header("Authorization"), ctx.req().getRemoteAddr());
    }
}
