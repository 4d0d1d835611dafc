package dev.tessera.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tessera.cache.CacheTier;
import dev.tessera.config.Build;
import dev.tessera.rendition.Plan;
import dev.tessera.templates.TemplatePlan;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * Renditions and template renders the routed path has answered, by request target (raw path and query), with the
 * headers a repeat gets, pre-encoded: what {@link HitHandler} needs to answer a memory hit ahead of routing. Only
 * responses that vary on no request header; the bytes stay in the rendition cache, whose memory tier decides what
 * is a hit.
 */
final class FastHits {
    /** A few KB each at most (the target and the headers); the bodies are the memory tier's. */
    private static final int MAX_ENTRIES = 10_000;

    /** The routes whose repeats are answered ahead of routing; a rendition's repeat counts as a memory lookup. */
    enum Route {
        IMAGES("/images/{id}", true), RENDER("/render/{name}", false);

        final String template;
        final boolean countsLookup;

        Route(String template, boolean countsLookup) {
            this.template = template;
            this.countsLookup = countsLookup;
        }
    }

    /**
     * One answered response: its route, its cache entry, its fixed headers, the fixed fields of its access-log
     * line, whether what it was planned from still stands (a template's version may have changed since), and its
     * body's length with its Content-Length field, encoded once.
     */
    record Hit(Route route, String cacheId, String key, HttpFields fields, AccessLog.HitFields log,
               BooleanSupplier current, long bodyBytes, HttpField contentLength) {}

    /**
     * A request target as both paths see it: the raw path and the raw query (null when there is none). A pair, not
     * their concatenation, so that a lookup builds no string.
     */
    record Target(String path, String query) {
        /** {@code target}: the raw path, then {@code ?} and the raw query when there is one. */
        static Target of(String target) {
            int q = target.indexOf('?');
            return q < 0 ? new Target(target, null) : new Target(target.substring(0, q), target.substring(q + 1));
        }
    }

    private final Cache<Target, Hit> hits = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
    private final HttpField servedBy;

    /** {@code node}: this node's id, for X-Served-By. */
    FastHits(String node) {
        this.servedBy = new HttpField(Headers.SERVED_BY, node);
    }

    /** The hit remembered for {@code target} while it stands, else null. */
    Hit get(Target target) {
        Hit hit = hits.getIfPresent(target);
        if (hit == null || hit.current().getAsBoolean()) return hit;
        hits.invalidate(target);
        return null;
    }

    void forget(Target target) {
        hits.invalidate(target);
    }

    /** Remembers a 200 of {@code plan} ({@code bodyBytes} long) for {@code target}, unless it varies on Accept. */
    void remember(Target target, Plan plan, String tenant, String contentType, String disposition, long bodyBytes) {
        if (plan.variesOnAccept()) return;
        put(target, Route.IMAGES, plan.source().contentId(), plan.key(), plan.etag(), Headers.IMMUTABLE,
                contentType, disposition, tenant, () -> true, bodyBytes);
    }

    /** Remembers a 200 of a template render for {@code target}, while {@code current} says its template stands. */
    void remember(Target target, TemplatePlan plan, String cacheControl, String contentType, String disposition,
                  BooleanSupplier current, long bodyBytes) {
        put(target, Route.RENDER, plan.template().hash(), plan.key(), plan.etag(), cacheControl, contentType,
                disposition, plan.template().owner(), current, bodyBytes);
    }

    private void put(Target target, Route route, String cacheId, String key, String etag, String cacheControl,
                     String contentType, String disposition, String tenant, BooleanSupplier current,
                     long bodyBytes) {
        HttpFields fields = HttpFields.build()
                .add(new HeaderBlock(new HttpField(HttpHeader.ETAG, etag),
                        new HttpField(HttpHeader.CACHE_CONTROL, cacheControl),
                        new HttpField("Content-Disposition", disposition),
                        new HttpField("X-Cache", CacheTier.MEMORY.header()),
                        new HttpField(Headers.VERSION, Build.version()),
                        new HttpField("X-Content-Type-Options", "nosniff"), servedBy))
                .add(new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, contentType))
                .asImmutable();
        AccessLog.HitFields log = AccessLog.HitFields.of(route.template, target.path(), target.query(), tenant);
        hits.put(target, new Hit(route, cacheId, key, fields, log, current, bodyBytes,
                new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, bodyBytes)));
    }
}
