package dev.tessera.remote;

import dev.tessera.rendition.RemoteSource;

/** A remote source ready to render, how the source cache answered, and how long getting it took. */
public record Fetched(RemoteSource source, SourceCacheResult result, long fetchNanos) {}
