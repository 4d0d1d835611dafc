package dev.tessera.server;

import dev.tessera.config.Build;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Headers every response carries. */
final class Headers {
    static final String REQUEST_ID = "X-Request-Id";
    static final String VERSION = "X-Tessera-Version";
    static final String SERVED_BY = "X-Served-By";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private Headers() {}

    static void stamp(Context ctx) {
        ctx.header(REQUEST_ID, requestId(ctx.header(REQUEST_ID)));
        ctx.header(VERSION, Build.version());
        ctx.header("X-Content-Type-Options", "nosniff");
    }

    /** The client's request id when it is safe to echo, else a new one. */
    static String requestId(String sent) {
        if (sent != null && SAFE_REQUEST_ID.matcher(sent).matches()) return sent;
        ThreadLocalRandom random = ThreadLocalRandom.current(); // not UUID.randomUUID: its SecureRandom is a lock
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** True when an If-None-Match header names this strong ETag (or is {@code *}). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) return false;
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) c = c.substring(2);
            if (c.equals(etag) || c.equals("*")) return true;
        }
        return false;
    }
}
