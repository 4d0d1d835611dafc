package dev.tessera.cache;

/** What the cache reports as it happens, for metrics; the default methods ignore it. */
public interface CacheEvents {
    CacheEvents NONE = new CacheEvents() {};

    /** A stored rendition failed its checksum and was treated as a miss. */
    default void corruptStoredRendition() {}

    /** A request was answered with a remembered failure, without rendering. */
    default void negativeHit() {}
}
