package dev.tessera.server;

import dev.tessera.options.RenderOptions;
import dev.tessera.processing.StageTimings;
import io.javalin.http.Context;

/**
 * What a request's handlers tell the access log and the error writer, kept in one typed context attribute:
 * the tenant, the rendition's resolved options and stage timings, the bytes sent, the error answered.
 */
final class RequestRecord {
    private static final String ATTRIBUTE = "tessera.request";

    String tenant;
    RenderOptions options;
    StageTimings timings;
    Long bytes;
    ErrorCode error;
    /** The host of a remote source ({@code /remote}), logged instead of its URL. */
    String origin;
    /** How long a 404 for an unknown image may be cached, in seconds (0: not at all). */
    long notFoundMaxAge;

    private RequestRecord() {}

    /** The request's record, made on first use. */
    static RequestRecord of(Context ctx) {
        RequestRecord record = ctx.attribute(ATTRIBUTE);
        if (record == null) {
            record = new RequestRecord();
            ctx.attribute(ATTRIBUTE, record);
        }
        return record;
    }
}
