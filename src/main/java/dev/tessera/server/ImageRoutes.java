package dev.tessera.server;

import dev.tessera.cache.CacheResult;
import dev.tessera.image.ImageFormat;
import dev.tessera.options.OptionsParser;
import dev.tessera.options.RenderOptions;
import dev.tessera.image.ImageHeader;
import dev.tessera.processing.StageTimings;
import dev.tessera.rendition.Plan;
import dev.tessera.rendition.RenditionService;
import dev.tessera.rendition.StoredOriginal;
import dev.tessera.security.WriteAccess;
import dev.tessera.image.ImageInfo;
import dev.tessera.source.ImageNotFoundException;
import dev.tessera.source.Originals;
import dev.tessera.source.Upload;
import dev.tessera.source.UploadTooLargeException;
import dev.tessera.uploads.Uploads;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /images}: upload, originals, renditions, info, delete. */
final class ImageRoutes {
    static final Pattern ID_AND_EXT = Pattern.compile("([0-9a-f]{64})(?:\\.([a-zA-Z]{3,4}))?");

    private final Originals originals;
    private final RenditionService renditions;
    private final Uploads uploads;
    private final OptionsParser parser;
    private final WriteAccess writeAccess;
    private final SignatureCheck signatures;
    private final long maxUploadBytes;
    private final FastHits fastHits;

    ImageRoutes(Originals originals, RenditionService renditions, Uploads uploads, OptionsParser parser,
                WriteAccess writeAccess, SignatureCheck signatures, long maxUploadBytes, FastHits fastHits) {
        this.originals = originals;
        this.renditions = renditions;
        this.uploads = uploads;
        this.parser = parser;
        this.writeAccess = writeAccess;
        this.signatures = signatures;
        this.maxUploadBytes = maxUploadBytes;
        this.fastHits = fastHits;
    }

    void register(RoutesConfig routes) {
        routes.before("/images", this::refuseDeclaredTooLarge);
        routes.post("/images", this::upload);
        routes.get("/images/{id}", this::get);
        routes.get("/images/{id}/info", this::info);
        routes.head("/images/{id}", this::get); // same headers as GET; Jetty sends no body
        routes.head("/images/{id}/info", this::info);
        routes.delete("/images/{id}", this::delete);
        routes.delete("/images/{id}/renditions", this::purgeRenditions);
    }

    private void upload(Context ctx) throws IOException {
        Upload upload;
        try {
            String tenant = writeAccess.authorize(ctx.header("Authorization"), ctx.req().getRemoteAddr());
            RequestRecord.of(ctx).tenant = tenant;
            Uploads.Admission admission = uploads.admit(tenant, ctx.req().getContentLengthLong());
            if (ctx.isMultipartFormData()) {
                try (InputStream in = multipartFile(ctx).content()) {
                    upload = uploads.store(admission, in);
                }
            } else {
                upload = uploads.store(admission, ctx.req().getInputStream());
            }
        } catch (RuntimeException refused) {
            ctx.header("Connection", "close"); // what is left of the body may not be read: no reuse
            drain(ctx);
            throw refused;
        }
        ImageInfo info = upload.info();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", info.id());
        body.put("width", info.header().width());
        body.put("height", info.header().height());
        body.put("format", info.format().id());
        body.put("bytes", info.bytes());
        body.put("url", "/images/" + info.id());
        ctx.header("Location", "/images/" + info.id());
        Json.write(ctx, upload.created() ? 201 : 200, body);
    }

    /**
     * An upload declared over the limit gets its 413 before any of its body is read: sent at once, then (unless
     * the client waits for {@code 100 Continue}, which is then never sent) a bounded part of the body is drained
     * so that a client still sending reads the 413, not a reset.
     */
    private void refuseDeclaredTooLarge(Context ctx) throws IOException {
        if (!ctx.method().name().equals("POST") || ctx.req().getContentLengthLong() <= maxUploadBytes) return;
        ctx.header("Connection", "close");
        Errors.write(ctx, Errors.toApiError(new UploadTooLargeException(maxUploadBytes)));
        byte[] error = ctx.resultInputStream().readAllBytes();
        ctx.result(new byte[0]).skipRemainingHandlers();
        ctx.res().setContentLength(error.length);
        ctx.res().getOutputStream().write(error);
        ctx.res().flushBuffer();
        if (!"100-continue".equalsIgnoreCase(ctx.header("Expect"))) drain(ctx);
    }

    /**
     * Reads and drops the rest of a refused body (at most the upload limit or 32 MiB, whichever is more),
     * so a client still sending it reads the error (401, 413, ...) rather than a reset connection.
     */
    private void drain(Context ctx) {
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[64 * 1024];
            for (long left = Math.max(maxUploadBytes, 32L << 20); left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) return;
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // the connection is closed after the error anyway
        }
    }

    private UploadedFile multipartFile(Context ctx) {
        UploadedFile file;
        try {
            file = ctx.uploadedFile("file");
        } catch (Exception e) { // also the undeclared ServletException of a malformed body
            for (Throwable t = e; t != null; t = t.getCause()) {
                String message = String.valueOf(t.getMessage());
                // Jetty's "headers max length exceeded" is a malformed part, not a large upload
                if (message.contains("exceed") && !message.contains("header")) {
                    throw new UploadTooLargeException(maxUploadBytes);
                }
            }
            throw new ApiError(ErrorCode.INVALID_MULTIPART, "the multipart body cannot be read");
        }
        if (file == null) {
            throw new ApiError(ErrorCode.MISSING_FILE, "a multipart upload needs a field named 'file'", "file");
        }
        return file;
    }

    private void get(Context ctx) throws Exception {
        Matcher m = matchId(ctx, true);
        String id = m.group(1);
        String ext = m.group(2) == null ? null : m.group(2).toLowerCase(Locale.ROOT);
        Map<String, List<String>> query = ctx.queryParamMap();
        signatures.check(ctx, ext == null && withoutEmptySegments(query).isEmpty());
        RenderOptions options = parser.parse(renderQuery(query, ext));
        StoredOriginal source = StoredOriginal.find(originals, id);
        if (ext == null && options.isIdentity()) {
            serveOriginal(ctx, source.info());
            return;
        }
        Plan plan = renditions.plan(source, options, ctx.header("Accept"));
        if (Headers.matches(ctx.header("If-None-Match"), plan.etag())) {
            successHeaders(ctx, plan.etag(), plan.variesOnAccept());
            ctx.status(304);
            return;
        }
        StageTimings timings = new StageTimings();
        RequestRecord request = RequestRecord.of(ctx);
        request.tenant = source.owner();
        request.timings = timings;
        request.options = plan.resolved();
        writeRendition(ctx, plan, renditions.serve(plan, timings), timings);
    }

    /** Writes the rendition, and remembers it for {@link HitHandler} to answer repeats of this URL. */
    private void writeRendition(Context ctx, Plan plan, CacheResult result, StageTimings timings)
            throws IOException {
        successHeaders(ctx, plan.etag(), plan.variesOnAccept());
        String filename = plan.source().contentId() + "." + plan.resolved().output().format().extension();
        String disposition = "inline; filename=\"" + filename + "\"";
        ctx.header("Content-Disposition", disposition);
        RequestRecord.of(ctx).bytes = (long) result.rendition().body().length;
        String contentType = result.rendition().contentType();
        ctx.header("X-Cache", result.tier().header()).header("Server-Timing", timings.serverTiming())
                .contentType(contentType);
        Bodies.write(ctx, result.rendition().body());
        fastHits.remember(new FastHits.Target(ctx.req().getRequestURI(), ctx.req().getQueryString()), plan,
                plan.source().owner(), contentType, disposition, result.rendition().body().length);
    }

    /** The headers of a 200 or 304 for immutable content; set only once nothing can fail before the body. */
    private static void successHeaders(Context ctx, String etag, boolean varyOnAccept) {
        ctx.header("ETag", etag).header("Cache-Control", Headers.IMMUTABLE);
        if (varyOnAccept) ctx.header("Vary", "Accept");
    }

    /** The parameters the options parser gets: the query's, less empty segments, plus the extension's {@code fm}. */
    static Map<String, List<String>> renderQuery(Map<String, List<String>> query, String ext) {
        return withExtension(withoutEmptySegments(query), ext);
    }

    /** The query without empty segments ({@code a=1&&b=2&}), which the signer ignores too. */
    private static Map<String, List<String>> withoutEmptySegments(Map<String, List<String>> query) {
        List<String> values = query.get("");
        if (values == null || !values.stream().allMatch(String::isEmpty)) return query;
        Map<String, List<String>> copy = new LinkedHashMap<>(query);
        copy.remove("");
        return copy;
    }

    private static Map<String, List<String>> withExtension(Map<String, List<String>> query, String ext) {
        if (ext == null) return query;
        ImageFormat format = ImageFormat.fromParam(ext).orElseThrow(() -> new ApiError(ErrorCode.INVALID_PARAMETER,
                "the extension must be one of jpg, jpeg, png, webp, avif, gif", "fm"));
        if (query.containsKey("fm")) {
            throw new ApiError(ErrorCode.INVALID_PARAMETER, "give the format as an extension or as fm, not both", "fm");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>(query);
        copy.put("fm", List.of(format.id()));
        return copy;
    }

    private void serveOriginal(Context ctx, ImageInfo info) throws IOException {
        String etag = "\"" + info.id() + "\"";
        if (Headers.matches(ctx.header("If-None-Match"), etag)) {
            successHeaders(ctx, etag, false);
            ctx.status(304);
            return;
        }
        InputStream in = originals.open(info.id()).orElseThrow(() -> new ImageNotFoundException(info.id()));
        successHeaders(ctx, etag, false);
        ctx.header("Content-Disposition", "inline; filename=\"" + info.id() + "." + info.format().extension() + "\"");
        RequestRecord.of(ctx).bytes = info.bytes();
        ctx.contentType(info.format().mimeType()).header("Content-Length", Long.toString(info.bytes())).result(in);
    }

    private void info(Context ctx) throws IOException {
        String id = matchId(ctx, false).group(1);
        ImageInfo info = originals.info(id).orElseThrow(() -> new ImageNotFoundException(id));
        ImageHeader h = info.header();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("width", h.width());
        body.put("height", h.height());
        body.put("format", h.format().id());
        body.put("bytes", info.bytes());
        body.put("orientation", h.orientation());
        body.put("hasAlpha", h.hasAlpha());
        body.put("pages", h.pages());
        Json.write(ctx, 200, body);
    }

    private void delete(Context ctx) throws IOException {
        String tenant = writeAccess.authorize(ctx.header("Authorization"), ctx.req().getRemoteAddr());
        uploads.delete(matchId(ctx, false).group(1), tenant);
        ctx.status(204);
    }

    private void purgeRenditions(Context ctx) throws IOException {
        String tenant = writeAccess.authorize(ctx.header("Authorization"), ctx.req().getRemoteAddr());
        uploads.purgeRenditions(matchId(ctx, false).group(1), tenant);
        ctx.status(204);
    }

    private static Matcher matchId(Context ctx, boolean extensionAllowed) {
        String segment = ctx.pathParam("id");
        Matcher m = ID_AND_EXT.matcher(segment);
        if (!m.matches() || (!extensionAllowed && m.group(2) != null)) {
            throw new ApiError(ErrorCode.INVALID_ID, "an image id is 64 lowercase hex characters (a SHA-256)", "id");
        }
        return m;
    }
}
