package dev.tessera.cache;

/** A rendition and the tier that served it. */
public record CacheResult(CachedRendition rendition, CacheTier tier) {}
