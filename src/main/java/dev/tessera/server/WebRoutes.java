package dev.tessera.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The playground at {@code GET /}: a page, its script and its style, read once from the classpath at startup. */
final class WebRoutes {
    /** No inline code, nothing from other origins; images may be blob: URLs made from fetched renditions. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private WebRoutes() {}

    static void register(RoutesConfig routes) {
        routes.get("/", asset("index.html", "text/html; charset=utf-8"));
        routes.get("/web/app.js", asset("app.js", "text/javascript; charset=utf-8"));
        routes.get("/web/app.css", asset("app.css", "text/css; charset=utf-8"));
    }

    /** Serves one file with {@code no-cache} and an ETag, so a browser revalidates it with a cheap 304. */
    private static Handler asset(String name, String contentType) {
        byte[] body = read("web/" + name);
        String etag = "\"" + sha256(body).substring(0, 32) + "\"";
        return ctx -> {
            ctx.header("Cache-Control", "no-cache").header("ETag", etag).header("Content-Security-Policy", CSP);
            if (Headers.matches(ctx.header("If-None-Match"), etag)) {
                ctx.status(304);
                return;
            }
            ctx.contentType(contentType).result(body);
        };
    }

    private static byte[] read(String resource) {
        try (InputStream in = WebRoutes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing classpath resource " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
