package dev.tessera.server;

import dev.tessera.cache.RenditionKey;
import dev.tessera.options.ImageFormat;
import dev.tessera.options.OptionsParser;
import dev.tessera.options.RenderOptions;
import dev.tessera.processing.ImageHeader;
import dev.tessera.processing.RenderPool;
import dev.tessera.processing.Renderer;
import dev.tessera.processing.Rendition;
import dev.tessera.processing.SourceImage;
import dev.tessera.processing.StageTimings;
import dev.tessera.security.WriteAccess;
import dev.tessera.source.ImageInfo;
import dev.tessera.source.Originals;
import dev.tessera.source.Upload;
import dev.tessera.source.UploadTooLargeException;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /images}: upload, originals, renditions, info, delete. */
final class ImageRoutes {
    private static final Pattern ID_AND_EXT = Pattern.compile("([0-9a-f]{64})(?:\\.([a-z]{3,4}))?");

    private final Originals originals;
    private final Renderer renderer;
    private final RenderPool pool;
    private final OptionsParser parser;
    private final WriteAccess writeAccess;
    private final long maxUploadBytes;

    ImageRoutes(Originals originals, Renderer renderer, RenderPool pool, OptionsParser parser,
                WriteAccess writeAccess, long maxUploadBytes) {
        this.originals = originals;
        this.renderer = renderer;
        this.pool = pool;
        this.parser = parser;
        this.writeAccess = writeAccess;
        this.maxUploadBytes = maxUploadBytes;
    }

    void upload(Context ctx) throws IOException {
        Upload upload;
        try {
            writeAccess.authorize(ctx.header("Authorization"), ctx.req().getRemoteAddr());
            if (ctx.req().getContentLengthLong() > maxUploadBytes) throw new UploadTooLargeException(maxUploadBytes);
            if (ctx.isMultipartFormData()) {
                UploadedFile file = multipartFile(ctx);
                try (InputStream in = file.content()) {
                    upload = originals.ingest(in);
                }
            } else {
                upload = originals.ingest(ctx.req().getInputStream());
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
                if (String.valueOf(t.getMessage()).contains("exceed")) throw new UploadTooLargeException(maxUploadBytes);
            }
            throw new ApiError(400, "invalid_multipart", "the multipart body cannot be read");
        }
        if (file == null) {
            throw new ApiError(400, "missing_file", "a multipart upload needs a field named 'file'", "file");
        }
        return file;
    }

    void get(Context ctx) throws IOException {
        Matcher m = matchId(ctx, true);
        String id = m.group(1);
        String ext = m.group(2);
        RenderOptions options = parser.parse(withExtension(ctx.queryParamMap(), ext));
        ImageInfo info = originals.info(id).orElseThrow(() -> ApiError.notFound(id));
        if (ext == null && options.isIdentity()) {
            serveOriginal(ctx, info);
            return;
        }
        ImageFormat output = FormatNegotiation.resolve(options, info.header(), ctx.header("Accept"));
        RenderOptions resolved = options.withFormat(output);
        String etag = "\"" + RenditionKey.of(id, resolved) + "\"";
        ctx.header("ETag", etag).header("Cache-Control", Headers.IMMUTABLE);
        if (options.autoFormat()) ctx.header("Vary", "Accept");
        if (Headers.matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        StageTimings timings = new StageTimings();
        long start = System.nanoTime();
        SourceImage source = originals.source(id).orElseThrow(() -> ApiError.notFound(id));
        timings.record("fetch", System.nanoTime() - start);
        Rendition rendition = pool.run(() -> renderer.render(source, resolved, output, timings));
        ctx.header("X-Cache", "miss").header("Server-Timing", timings.serverTiming())
                .contentType(output.mimeType()).result(rendition.body());
    }

    private static Map<String, List<String>> withExtension(Map<String, List<String>> query, String ext) {
        if (ext == null) return query;
        ImageFormat format = ImageFormat.fromParam(ext).orElseThrow(() -> new ApiError(400, "invalid_parameter",
                "the extension must be one of jpg, jpeg, png, webp, avif, gif", "fm"));
        if (query.containsKey("fm")) {
            throw new ApiError(400, "invalid_parameter", "give the format as an extension or as fm, not both", "fm");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>(query);
        copy.put("fm", List.of(format.id()));
        return copy;
    }

    private void serveOriginal(Context ctx, ImageInfo info) throws IOException {
        String etag = "\"" + info.id() + "\"";
        ctx.header("ETag", etag).header("Cache-Control", Headers.IMMUTABLE);
        if (Headers.matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        InputStream in = originals.open(info.id()).orElseThrow(() -> ApiError.notFound(info.id()));
        ctx.contentType(info.format().mimeType()).header("Content-Length", Long.toString(info.bytes())).result(in);
    }

    void info(Context ctx) throws IOException {
        String id = matchId(ctx, false).group(1);
        ImageInfo info = originals.info(id).orElseThrow(() -> ApiError.notFound(id));
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

    void delete(Context ctx) throws IOException {
        writeAccess.authorize(ctx.header("Authorization"), ctx.req().getRemoteAddr());
        String id = matchId(ctx, false).group(1);
        if (!originals.delete(id)) throw ApiError.notFound(id);
        ctx.status(204);
    }

    void purgeRenditions(Context ctx) throws IOException {
        writeAccess.authorize(ctx.header("Authorization"), ctx.req().getRemoteAddr());
        String id = matchId(ctx, false).group(1);
        if (originals.info(id).isEmpty()) throw ApiError.notFound(id);
        ctx.status(204); // renditions are not stored yet: nothing to purge
    }

    private static Matcher matchId(Context ctx, boolean extensionAllowed) {
        String segment = ctx.pathParam("id");
        Matcher m = ID_AND_EXT.matcher(segment);
        if (!m.matches() || (!extensionAllowed && m.group(2) != null)) {
            throw new ApiError(400, "invalid_id", "an image id is 64 lowercase hex characters (a SHA-256)", "id");
        }
        return m;
    }
}
