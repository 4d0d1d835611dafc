package dev.tessera.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.options.OptionsException;
import dev.tessera.processing.ImageException;
import dev.tessera.scheduling.OverloadedException;
import dev.tessera.security.AccessDeniedException;
import dev.tessera.security.QuotaExceededException;
import dev.tessera.source.ImageNotFoundException;
import dev.tessera.source.UploadTooLargeException;
import io.javalin.http.Context;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the contract's JSON error: {@code {"error": {"code", "message", "param"}}}, never
 * cacheable (bar a 404 for an unknown image) and never carrying libvips' text or a filesystem path.
 */
final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The request attribute holding how long a 404 for an unknown image may be cached, in seconds. */
    static final String NOT_FOUND_MAX_AGE = "tessera.notFoundMaxAge";
    static final String ANSWERED = "tessera.errorAnswered";

    /** Headers only a success carries; an error clears any a handler set before it failed. */
    private static final List<String> SUCCESS_HEADERS = List.of("ETag", "Cache-Control", "Content-Disposition",
            "Vary", "Content-Length", "Last-Modified", "Expires", "X-Cache", "Location");

    /** Text that is not ours: a path, libvips' domains (VipsJpeg, VipsForeignLoad) or a loader's/saver's prefix. */
    private static final Pattern FOREIGN_TEXT = Pattern.compile("[/\\\\]|vips|(load|save)[a-z_]*:",
            Pattern.CASE_INSENSITIVE);

    /** Codes whose cause is logged in one line (with the request id): the client only sees our sentence. */
    private static final Set<String> LOGGED = Set.of("undecodable_image", "bad_request", "incomplete_body",
            "body_timeout", "storage_unavailable");

    private Errors() {}

    static ApiError toApiError(Exception e) {
        return switch (e) {
            case ApiError a -> a;
            case OptionsException o -> new ApiError(400, "invalid_parameter", o.getMessage(), o.param());
            case ImageException i -> fromImage(i);
            case ImageNotFoundException n -> new ApiError(404, "image_not_found", n.getMessage());
            case UploadTooLargeException u -> new ApiError(413, "upload_too_large", u.getMessage());
            case OverloadedException o -> new ApiError(503, "overloaded", "the service is busy; retry in about "
                    + o.retryAfterMillis() + " ms").retryAfter(Math.max(1, (o.retryAfterMillis() + 999) / 1000));
            case AccessDeniedException a -> new ApiError(a.status(), a.code(), a.getMessage());
            case QuotaExceededException q -> new ApiError(429, "quota_exceeded", q.getMessage())
                    .retryAfter(q.retryAfterSeconds());
            default -> fromIo(e);
        };
    }

    private static ApiError fromImage(ImageException e) {
        return switch (e.reason()) {
            case UNSUPPORTED_FORMAT -> new ApiError(415, "unsupported_format",
                    ours(e, "the bytes are not an image in a format the service reads"));
            case UNDECODABLE -> new ApiError(422, "undecodable_image", "the image is truncated or corrupt, "
                    + "or cannot be decoded");
            case TOO_MANY_PIXELS -> new ApiError(422, "too_many_pixels", ours(e, "the image has too many pixels"));
            case TOO_MANY_FRAMES -> new ApiError(422, "too_many_frames", ours(e, "the image has too many frames"));
            case OUTPUT_TOO_LARGE -> new ApiError(422, "output_too_large", ours(e, "the output would be too large"),
                    e.param());
            case BAD_CROP -> new ApiError(400, "invalid_parameter", ours(e, "the crop is outside the image"), "crop");
            case RENDER_TIMEOUT -> new ApiError(422, "render_timeout", ours(e, "the render took too long"));
            case RENDER_TOO_COSTLY -> new ApiError(422, "render_too_costly",
                    ours(e, "the render would take longer than the service allows"), e.param());
            case ENCODE_FAILED -> new ApiError(422, "output_not_encodable",
                    ours(e, "the output cannot be encoded in the requested format"), e.param());
            case OVER_MEMORY_BUDGET -> new ApiError(422, "over_memory_budget",
                    ours(e, "the render would need more memory than the service's budget"));
        };
    }

    /** The exception's message when it is our own sentence, else {@code fallback}. */
    private static String ours(Exception e, String fallback) {
        String m = e.getMessage();
        return m == null || FOREIGN_TEXT.matcher(m).find() ? fallback : m;
    }

    /** A request body that broke off or was malformed is the client's; other I/O trouble is our store's. */
    private static ApiError fromIo(Exception e) {
        boolean io = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return new ApiError(400, "incomplete_body", "the request body ended early or is malformed");
            }
            if (t instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
                return new ApiError(400, "bad_request", "the request body is malformed");
            }
            if (t instanceof TimeoutException) {
                return new ApiError(400, "body_timeout", "the request body did not arrive in time");
            }
            io |= t instanceof IOException || t instanceof UncheckedIOException;
        }
        return io ? new ApiError(503, "storage_unavailable", "the store cannot be used right now; retry shortly")
                : null;
    }

    static void handle(Exception e, Context ctx) {
        ApiError error = toApiError(e);
        String requestId = ctx.res().getHeader(Headers.REQUEST_ID);
        if (error == null) {
            LOG.error("request {} {} failed (request id {})", ctx.method(), ctx.path(), requestId, e);
            error = new ApiError(500, "internal_error", "an internal error occurred; quote the X-Request-Id");
        } else if (!(e instanceof ApiError) && (LOGGED.contains(error.code)
                || e instanceof ImageException && !error.getMessage().equals(e.getMessage()))) {
            LOG.warn("request {} {} {}: {} {}: {}", requestId, ctx.method(), ctx.path(), error.status, error.code,
                    chain(e));
        }
        write(ctx, error);
    }

    /** The messages of {@code e} and its causes on one line, for the log. */
    private static String chain(Throwable e) {
        StringBuilder line = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!line.isEmpty()) line.append(" <- ");
            line.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return line.toString().replace('\n', ' ');
    }

    static void write(Context ctx, ApiError error) {
        ctx.attribute(ANSWERED, true);
        ctx.attribute(AccessLog.ERROR_CODE, error.code);
        for (String header : SUCCESS_HEADERS) ctx.res().setHeader(header, null);
        ctx.header("Cache-Control", cacheControl(ctx, error));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code);
        body.put("message", error.getMessage());
        if (error.param != null) body.put("param", error.param);
        if (error.retryAfterSeconds > 0) ctx.header("Retry-After", Long.toString(error.retryAfterSeconds));
        else if (error.status == 503) ctx.header("Retry-After", "1");
        try {
            ctx.status(error.status).contentType("application/json")
                    .result(JSON.writeValueAsBytes(Map.of("error", body)));
        } catch (Exception serialisation) {
            ctx.status(500).result("{\"error\":{\"code\":\"internal_error\",\"message\":\"error\"}}");
        }
    }

    /** {@code no-store}, except a short max-age on a read of an unknown image. */
    private static String cacheControl(Context ctx, ApiError error) {
        Long maxAge = ctx.attribute(NOT_FOUND_MAX_AGE);
        String method = ctx.method().name();
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (read && error.status == 404 && error.code.equals("image_not_found") && maxAge != null && maxAge > 0) {
            return "public, max-age=" + maxAge;
        }
        return "no-store";
    }
}
