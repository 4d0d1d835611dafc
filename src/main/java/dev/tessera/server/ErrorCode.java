package dev.tessera.server;

import java.util.Locale;

/**
 * Every error code the API answers with: its HTTP status and, for refusals counted in
 * {@code tessera_rejections_total}, the reason they are counted under (else null).
 */
enum ErrorCode {
    INVALID_PARAMETER(400, null),
    INVALID_ID(400, null),
    INVALID_MULTIPART(400, null),
    MISSING_FILE(400, null),
    INCOMPLETE_BODY(400, null),
    BAD_REQUEST(400, null),
    BODY_TIMEOUT(400, null),
    INVALID_TEMPLATE(400, null),
    MISSING_API_KEY(401, "auth"),
    UNKNOWN_API_KEY(401, "auth"),
    WRITES_LOOPBACK_ONLY(403, "auth"),
    MISSING_SIGNATURE(403, "signature"),
    INVALID_SIGNATURE(403, "signature"),
    FORBIDDEN_SOURCE(403, "ssrf"),
    TEMPLATE_FORBIDDEN(403, "auth"),
    IMAGE_NOT_FOUND(404, null),
    NOT_FOUND(404, null),
    TEMPLATE_NOT_FOUND(404, null),
    REMOTE_NOT_FOUND(404, null),
    METHOD_NOT_ALLOWED(405, null),
    UPLOAD_TOO_LARGE(413, "limits"),
    REMOTE_TOO_LARGE(413, "limits"),
    UNSUPPORTED_FORMAT(415, null),
    UNDECODABLE_IMAGE(422, null),
    TOO_MANY_PIXELS(422, "limits"),
    TOO_MANY_FRAMES(422, "limits"),
    OUTPUT_TOO_LARGE(422, "limits"),
    RENDER_TIMEOUT(422, "limits"),
    RENDER_TOO_COSTLY(422, null),
    OUTPUT_NOT_ENCODABLE(422, null),
    OVER_MEMORY_BUDGET(422, null),
    QUOTA_EXCEEDED(429, "quota"),
    INTERNAL_ERROR(500, null),
    REMOTE_FAILED(502, null),
    OVERLOADED(503, "overload"),
    STORAGE_UNAVAILABLE(503, null),
    STORAGE_UNREACHABLE(503, null),
    REMOTE_BUSY(503, "overload"),
    DRAINING(503, null),
    REMOTE_TIMEOUT(504, null);

    private final int status;
    private final String rejectionReason;

    ErrorCode(int status, String rejectionReason) {
        this.status = status;
        this.rejectionReason = rejectionReason;
    }

    /** The code as the JSON body and the access log spell it, e.g. {@code image_not_found}. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    int status() {
        return status;
    }

    /** The {@code reason} label of {@code tessera_rejections_total}, or null when this is not counted there. */
    String rejectionReason() {
        return rejectionReason;
    }

    /** The constant spelled {@code code} (as a lower layer names it). */
    static ErrorCode of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
