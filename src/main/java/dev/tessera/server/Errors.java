package dev.tessera.server;

import dev.tessera.options.OptionsException;
import dev.tessera.image.ImageException;
import dev.tessera.remote.RemoteFetchException;
import dev.tessera.scheduling.OverloadedException;
import dev.tessera.security.AccessDeniedException;
import dev.tessera.security.ForbiddenSourceException;
import dev.tessera.security.QuotaExceededException;
import dev.tessera.source.ImageNotFoundException;
import dev.tessera.source.UploadTooLargeException;
import dev.tessera.storage.StoreUnavailableException;
import dev.tessera.templates.LayerFailedException;
import dev.tessera.templates.TemplateException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
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

    /** Headers only a success carries; an error clears any a handler set before it failed. */
    private static final List<String> SUCCESS_HEADERS = List.of("ETag", "Cache-Control", "Content-Disposition",
            "Vary", "Content-Length", "Last-Modified", "Expires", "X-Cache", "Location");

    /** Text that is not ours: a path, libvips' domains (VipsJpeg, VipsForeignLoad) or a loader's/saver's prefix. */
    private static final Pattern FOREIGN_TEXT = Pattern.compile("[/\\\\]|vips|(load|save)[a-z_]*:",
            Pattern.CASE_INSENSITIVE);

    /** Codes whose cause is logged in one line (with the request id): the client only sees our sentence. */
    private static final Set<ErrorCode> LOGGED = EnumSet.of(ErrorCode.UNDECODABLE_IMAGE, ErrorCode.BAD_REQUEST,
            ErrorCode.INCOMPLETE_BODY, ErrorCode.BODY_TIMEOUT, ErrorCode.STORAGE_UNAVAILABLE);

    private Errors() {}

    static ApiError toApiError(Exception e) {
        return switch (e) {
            case ApiError a -> a;
            case OptionsException o -> new ApiError(ErrorCode.INVALID_PARAMETER, o.getMessage(), o.param());
            case ImageException i -> fromImage(i);
            case ImageNotFoundException n -> new ApiError(ErrorCode.IMAGE_NOT_FOUND, n.getMessage());
            case UploadTooLargeException u -> new ApiError(ErrorCode.UPLOAD_TOO_LARGE, u.getMessage());
            case OverloadedException o -> new ApiError(ErrorCode.OVERLOADED, "the service is busy; retry in about "
                    + o.retryAfterMillis() + " ms").retryAfterMillis(o.retryAfterMillis());
            case RemoteFetchException r -> new ApiError(ErrorCode.of("remote_" + r.kind().name()), r.getMessage())
                    .retryAfter(r.retryAfterSeconds());
            case ForbiddenSourceException f -> new ApiError(ErrorCode.FORBIDDEN_SOURCE, f.getMessage());
            case AccessDeniedException a -> new ApiError(ErrorCode.of(a.code()), a.getMessage());
            case TemplateException t -> fromTemplate(t);
            case LayerFailedException l -> toApiError(l.reason());
            case QuotaExceededException q -> new ApiError(ErrorCode.QUOTA_EXCEEDED, q.getMessage())
                    .retryAfter(q.retryAfterSeconds());
            default -> storeUnavailable(e) != null ? storeUnavailable(e) : fromIo(e);
        };
    }

    private static ApiError fromTemplate(TemplateException t) {
        return switch (t.kind()) {
            case INVALID -> new ApiError(ErrorCode.INVALID_TEMPLATE, t.getMessage(), t.param());
            case BAD_PARAMETER -> new ApiError(ErrorCode.INVALID_PARAMETER, t.getMessage(), t.param());
            case NOT_FOUND -> new ApiError(ErrorCode.TEMPLATE_NOT_FOUND, t.getMessage());
            case FORBIDDEN -> new ApiError(ErrorCode.TEMPLATE_FORBIDDEN, t.getMessage());
        };
    }

    /** A store that is down or overloaded (possibly wrapped): 503 with Retry-After, never a 500. */
    private static ApiError storeUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException) {
                return new ApiError(ErrorCode.STORAGE_UNAVAILABLE, "the store cannot be reached; retry shortly")
                        .retryAfter(5);
            }
        }
        return null;
    }

    private static ApiError fromImage(ImageException e) {
        return switch (e.reason()) {
            case UNSUPPORTED_FORMAT -> new ApiError(ErrorCode.UNSUPPORTED_FORMAT,
                    ours(e, "the bytes are not an image in a format the service reads"));
            case UNDECODABLE -> new ApiError(ErrorCode.UNDECODABLE_IMAGE, "the image is truncated or corrupt, "
                    + "or cannot be decoded");
            case TOO_MANY_PIXELS -> new ApiError(ErrorCode.TOO_MANY_PIXELS, ours(e, "the image has too many pixels"));
            case TOO_MANY_FRAMES -> new ApiError(ErrorCode.TOO_MANY_FRAMES, ours(e, "the image has too many frames"));
            case OUTPUT_TOO_LARGE -> new ApiError(ErrorCode.OUTPUT_TOO_LARGE, ours(e, "the output would be too large"),
                    e.param());
            case BAD_CROP -> new ApiError(ErrorCode.INVALID_PARAMETER, ours(e, "the crop is outside the image"),
                    "crop");
            case RENDER_TIMEOUT -> new ApiError(ErrorCode.RENDER_TIMEOUT, ours(e, "the render took too long"));
            case RENDER_TOO_COSTLY -> new ApiError(ErrorCode.RENDER_TOO_COSTLY,
                    ours(e, "the render would take longer than the service allows"), e.param());
            case ENCODE_FAILED -> new ApiError(ErrorCode.OUTPUT_NOT_ENCODABLE,
                    ours(e, "the output cannot be encoded in the requested format"), e.param());
            case OVER_MEMORY_BUDGET -> new ApiError(ErrorCode.OVER_MEMORY_BUDGET,
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
                return new ApiError(ErrorCode.INCOMPLETE_BODY, "the request body ended early or is malformed");
            }
            if (t instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
                return new ApiError(ErrorCode.BAD_REQUEST, "the request body is malformed");
            }
            if (t instanceof TimeoutException) {
                return new ApiError(ErrorCode.BODY_TIMEOUT, "the request body did not arrive in time");
            }
            io |= t instanceof IOException || t instanceof UncheckedIOException;
        }
        return io ? new ApiError(ErrorCode.STORAGE_UNAVAILABLE, "the store cannot be used right now; retry shortly")
                .retryAfter(5) : null;
    }

    /** Every exception, unknown routes and refused methods answered as JSON errors. */
    static void register(RoutesConfig routes) {
        routes.exception(Exception.class, Errors::handle);
        routes.error(404, "*", ctx -> unlessAnswered(ctx, new ApiError(ErrorCode.NOT_FOUND, "no such route")));
        routes.error(405, "*", ctx -> unlessAnswered(ctx,
                new ApiError(ErrorCode.METHOD_NOT_ALLOWED, "this route does not take " + ctx.method())));
    }

    /** Javalin runs error handlers for every response with the status; keep the errors routes wrote. */
    private static void unlessAnswered(Context ctx, ApiError error) {
        if (RequestRecord.of(ctx).error == null) write(ctx, error);
    }

    private static void handle(Exception e, Context ctx) {
        ApiError error = toApiError(e);
        if (e instanceof ForbiddenSourceException f) RequestRecord.of(ctx).refusedClass = f.reason();
        String requestId = ctx.res().getHeader(Headers.REQUEST_ID);
        if (error == null) {
            LOG.error("request {} {} failed (request id {})", ctx.method(), ctx.path(), requestId, e);
            error = new ApiError(ErrorCode.INTERNAL_ERROR, "an internal error occurred; quote the X-Request-Id");
        } else if (!(e instanceof ApiError) && (LOGGED.contains(error.code)
                || e instanceof ImageException && !error.getMessage().equals(e.getMessage()))) {
            LOG.warn("request {} {} {}: {} {}: {}", requestId, ctx.method(), ctx.path(), error.status(),
                    error.code.code(), chain(e));
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
        RequestRecord.of(ctx).error = error.code;
        for (String header : SUCCESS_HEADERS) ctx.res().setHeader(header, null);
        ctx.header("Cache-Control", cacheControl(ctx, error));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code.code());
        body.put("message", error.getMessage());
        if (error.param != null) body.put("param", error.param);
        if (error.retryAfterMillis > 0) {
            body.put("retryAfterMs", error.retryAfterMillis);
            ctx.header("Retry-After-Ms", Long.toString(error.retryAfterMillis));
        }
        if (error.retryAfterSeconds > 0) ctx.header("Retry-After", Long.toString(error.retryAfterSeconds));
        else if (error.status() == 503) ctx.header("Retry-After", "1");
        try {
            ctx.status(error.status()).contentType("application/json")
                    .result(Json.MAPPER.writeValueAsBytes(Map.of("error", body)));
        } catch (Exception serialisation) {
            ctx.status(500).result("{\"error\":{\"code\":\"internal_error\",\"message\":\"error\"}}");
        }
    }

    /** {@code no-store}, except a short max-age on a read of an unknown image. */
    private static String cacheControl(Context ctx, ApiError error) {
        long maxAge = RequestRecord.of(ctx).notFoundMaxAge;
        String method = ctx.method().name();
        boolean read = method.equals("GET") || method.equals("HEAD");
        boolean notFound = error.code == ErrorCode.IMAGE_NOT_FOUND || error.code == ErrorCode.REMOTE_NOT_FOUND;
        if (read && notFound && maxAge > 0) {
            return "public, max-age=" + maxAge;
        }
        return "no-store";
    }
}
