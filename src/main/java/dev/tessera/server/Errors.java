package dev.tessera.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.options.OptionsException;
import dev.tessera.processing.ImageException;
import dev.tessera.processing.OverloadedException;
import dev.tessera.security.AccessDeniedException;
import dev.tessera.security.QuotaExceededException;
import dev.tessera.source.UploadTooLargeException;
import dev.tessera.storage.StoreUnavailableException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into the contract's JSON error: {@code {"error": {"code", "message", "param"}}}. */
final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Errors() {}

    static ApiError toApiError(Exception e) {
        return switch (e) {
            case ApiError a -> a;
            case OptionsException o -> new ApiError(400, "invalid_parameter", o.getMessage(), o.param());
            case ImageException i -> fromImage(i);
            case UploadTooLargeException u -> new ApiError(413, "upload_too_large", u.getMessage());
            case OverloadedException o -> new ApiError(503, "overloaded", "the service is busy; retry shortly");
            case AccessDeniedException a -> new ApiError(a.status(), a.code(), a.getMessage());
            case QuotaExceededException q -> new ApiError(429, "quota_exceeded", q.getMessage())
                    .retryAfter(q.retryAfterSeconds());
            default -> storeUnavailable(e);
        };
    }

    /** A store that is down or overloaded (possibly wrapped): 503 with Retry-After, never a 500. */
    private static ApiError storeUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException) {
                return new ApiError(503, "storage_unavailable", "the store cannot be reached; retry shortly")
                        .retryAfter(5);
            }
        }
        return null;
    }

    private static ApiError fromImage(ImageException e) {
        return switch (e.reason()) {
            case UNSUPPORTED_FORMAT -> new ApiError(415, "unsupported_format", e.getMessage());
            case UNDECODABLE -> new ApiError(422, "undecodable_image", e.getMessage());
            case TOO_MANY_PIXELS -> new ApiError(422, "too_many_pixels", e.getMessage());
            case TOO_MANY_FRAMES -> new ApiError(422, "too_many_frames", e.getMessage());
            case OUTPUT_TOO_LARGE -> new ApiError(422, "output_too_large", e.getMessage());
            case BAD_CROP -> new ApiError(400, "invalid_parameter", e.getMessage(), "crop");
            case RENDER_TIMEOUT -> new ApiError(422, "render_timeout", e.getMessage());
        };
    }

    static void handle(Exception e, Context ctx) {
        ApiError error = toApiError(e);
        if (error == null) {
            LOG.error("request {} {} failed (request id {})", ctx.method(), ctx.path(),
                    ctx.res().getHeader(Headers.REQUEST_ID), e);
            error = new ApiError(500, "internal_error", "an internal error occurred; quote the X-Request-Id");
        }
        write(ctx, error);
    }

    static final String ANSWERED = "tessera.errorAnswered";

    static void write(Context ctx, ApiError error) {
        ctx.attribute(ANSWERED, true);
        ctx.attribute(AccessLog.ERROR_CODE, error.code);
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
}
