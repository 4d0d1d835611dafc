package dev.tessera.cache;

/**
 * Counters since the cache was built.
 *
 * @param memoryHits requests served from memory
 * @param storeHits requests served from the store (then promoted into memory)
 * @param collapsedWaits requests that waited for a render another request had in flight, failed ones included
 * @param misses renders run, failed ones included
 * @param memoryEvictions entries the memory tier dropped to stay in its bound
 * @param storeEvictions objects the sweeper deleted to keep the store in its bound
 * @param memoryBytes the memory tier's weighted size: bodies plus a small per-entry overhead
 * @param storeBytes the bounded store's running size; 0 when it is unbounded
 * @param negativeHits requests answered with a remembered failure, without rendering
 * @param corruptStoreReads stored renditions that failed their checksum (each a miss, then deleted)
 */
public record CacheStats(long memoryHits, long storeHits, long collapsedWaits, long misses,
        long memoryEvictions, long storeEvictions, long memoryBytes, long storeBytes,
        long negativeHits, long corruptStoreReads) {}
