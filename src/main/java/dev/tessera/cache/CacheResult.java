package dev.tessera.cache;

import dev.tessera.image.Rendition;

/** A rendition and the tier that served it. */
public record CacheResult(Rendition rendition, CacheTier tier) {}
