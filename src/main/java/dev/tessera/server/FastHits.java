package dev.tessera.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tessera.cache.CacheTier;
import dev.tessera.config.Build;
import dev.tessera.rendition.Plan;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * Renditions the routed path has answered, by request target (raw path and query), with the headers a repeat
 * gets, pre-encoded: what {@link HitHandler} needs to answer a memory hit ahead of routing. Only responses that
 * vary on no request header; the bytes stay in the rendition cache, whose memory tier decides what is a hit.
 */
final class FastHits {
    /** A few KB each at most (the target and the headers); the bodies are the memory tier's. */
    private static final int MAX_ENTRIES = 10_000;

    /** One answered rendition: its cache entry, its fixed headers and the fixed fields of its access-log line. */
    record Hit(String imageId, String key, HttpFields fields, AccessLog.HitFields log) {}

    private final Cache<String, Hit> hits = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
    private final PreEncodedHttpField servedBy;

    /** {@code node}: this node's id, for X-Served-By. */
    FastHits(String node) {
        this.servedBy = new PreEncodedHttpField(Headers.SERVED_BY, node);
    }

    Hit get(String target) {
        return hits.getIfPresent(target);
    }

    void forget(String target) {
        hits.invalidate(target);
    }

    /** Remembers a 200 of {@code plan} for {@code target}, unless it varies on Accept. */
    void remember(String target, Plan plan, String tenant, String contentType, String disposition) {
        if (plan.variesOnAccept()) return;
        HttpFields fields = HttpFields.build()
                .add(new PreEncodedHttpField(HttpHeader.ETAG, plan.etag()))
                .add(new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, Headers.IMMUTABLE))
                .add(new PreEncodedHttpField("Content-Disposition", disposition))
                .add(new PreEncodedHttpField("X-Cache", CacheTier.MEMORY.header()))
                .add(new PreEncodedHttpField(Headers.VERSION, Build.version()))
                .add(new PreEncodedHttpField("X-Content-Type-Options", "nosniff"))
                .add(servedBy)
                .add(new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, contentType))
                .asImmutable();
        int query = target.indexOf('?');
        AccessLog.HitFields log = query < 0 ? AccessLog.HitFields.of(target, null, tenant)
                : AccessLog.HitFields.of(target.substring(0, query), target.substring(query + 1), tenant);
        hits.put(target, new Hit(plan.source().contentId(), plan.key(), fields, log));
    }

    /** The request target as both paths see it: the raw path, then {@code ?} and the raw query when there is one. */
    static String target(String rawPath, String rawQuery) {
        return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }
}
