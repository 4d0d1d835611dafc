package dev.tessera.server;

import dev.tessera.metrics.Metrics;
import dev.tessera.storage.BlobStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.StringJoiner;

/** {@code /health}, {@code /ready} (not draining, the store is reachable) and {@code /metrics} (Prometheus text). */
final class SystemRoutes {
    private final BlobStore store;
    private final Metrics metrics;
    private final Drain drain;

    SystemRoutes(BlobStore store, Metrics metrics, Drain drain) {
        this.store = store;
        this.metrics = metrics;
        this.drain = drain;
    }

    void register(RoutesConfig routes) {
        routes.get("/health", SystemRoutes::health);
        routes.head("/health", SystemRoutes::health);
        routes.get("/ready", this::ready);
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
    }

    private static void health(Context ctx) {
        Json.write(ctx, 200, Map.of("status", "ok"));
    }

    /**
     * {@code {"status":"ready","stores":{"store":true}}}, written without Jackson: the first /ready is the end of the
     * start, and Jackson's first mapper is made after it ({@link Json}). The names are the stores' own ids.
     */
    static String readyBody(Map<String, Boolean> stores) {
        StringJoiner each = new StringJoiner(",", "{\"status\":\"ready\",\"stores\":{", "}}");
        stores.forEach((name, reachable) -> each.add("\"" + name + "\":" + reachable));
        return each.toString();
    }

    /** 503 while draining, or when the store cannot take writes; {@code stores} tells each underlying store's state. */
    private void ready(Context ctx) {
        if (drain.draining()) {
            Errors.write(ctx, new ApiError(ErrorCode.DRAINING, "this node is stopping; it serves on until "
                    + "its drain delay ends"));
        } else if (store.isReachable()) {
            ctx.status(200).contentType("application/json").result(readyBody(store.reachability()));
        } else {
            Errors.write(ctx, new ApiError(ErrorCode.STORAGE_UNREACHABLE,
                    "the store cannot be reached (reachable: " + store.reachability() + ")"));
        }
    }
}
