package dev.tessera.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The web pages (playground, dashboard, templates), their scripts and style, read once from the classpath. */
final class WebRoutes {
    /** No inline code, nothing from other origins; images may be blob: URLs made from fetched renditions. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private WebRoutes() {}

    /** The chart library, from its WebJar on the classpath. */
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";

    static void register(RoutesConfig routes) {
        routes.get("/", asset("web/index.html", HTML));
        routes.get("/dashboard", asset("web/dashboard.html", HTML));
        routes.get("/templates.html", asset("web/templates.html", HTML));
        for (String script : new String[] {"shared.js", "controls.js", "uploads.js", "app.js", "dashboard.js", "templates.js"}) {
            routes.get("/web/" + script, asset("web/" + script, JS));
        }
        routes.get("/web/app.css", asset("web/app.css", CSS));
        routes.get("/web/uplot.js", asset(UPLOT + "iife.min.js", JS));
        routes.get("/web/uplot.css", asset(UPLOT + "min.css", CSS));
    }

    /** Serves one file with {@code no-cache} and an ETag, so a browser revalidates it with a cheap 304. */
    private static Handler asset(String resource, String contentType) {
        byte[] body = read(resource);
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
