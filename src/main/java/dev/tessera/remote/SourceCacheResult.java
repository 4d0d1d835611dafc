package dev.tessera.remote;

import java.util.Locale;

/**
 * How the source cache answered ({@code X-Source-Cache}): fresh ({@code hit}), past freshness but served while
 * revalidating or while the origin fails ({@code stale}), confirmed by a 304 ({@code revalidated}), fetched
 * ({@code miss}).
 */
public enum SourceCacheResult {
    HIT, STALE, REVALIDATED, MISS;

    public String header() {
        return name().toLowerCase(Locale.ROOT);
    }
}
