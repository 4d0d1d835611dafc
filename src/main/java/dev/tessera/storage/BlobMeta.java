package dev.tessera.storage;

import java.time.Instant;

/** What a store knows of one object without reading it. */
public record BlobMeta(String key, long size, Instant lastModified) {}
