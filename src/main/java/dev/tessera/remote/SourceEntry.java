package dev.tessera.remote;

import dev.tessera.image.ImageHeader;

/**
 * What the source cache knows of one URL: the body's content hash, size and header, the origin's validators,
 * when it was fetched (or last revalidated) and how long it may be served fresh, stale while revalidating,
 * and stale while the origin fails (its stale-if-error plus the configured grace).
 */
record SourceEntry(String url, String contentId, long size, ImageHeader header, String etag, String lastModified,
                   long fetchedAtMillis, long freshMillis, long staleWhileRevalidateMillis, long staleIfErrorMillis) {

    boolean fresh(long now) {
        return now < fetchedAtMillis + freshMillis;
    }

    boolean servableWhileRevalidating(long now) {
        return now < fetchedAtMillis + freshMillis + staleWhileRevalidateMillis;
    }

    boolean servableOnError(long now, long graceMillis) {
        return now < fetchedAtMillis + freshMillis + staleIfErrorMillis + graceMillis;
    }

    boolean hasValidators() {
        return etag != null || lastModified != null;
    }

    /** This entry refreshed by a 304 at {@code now}: same body, the new freshness (and validators, when sent). */
    SourceEntry revalidated(OriginHeaders h, Freshness f, long now) {
        return new SourceEntry(url, contentId, size, header, h.etag() != null ? h.etag() : etag,
                h.lastModified() != null ? h.lastModified() : lastModified, now, f.freshMillis(),
                f.staleWhileRevalidateMillis(), f.staleIfErrorMillis());
    }
}
