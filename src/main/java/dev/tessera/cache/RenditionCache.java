package dev.tessera.cache;

import dev.tessera.image.Rendition;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Renditions by image id and rendition key (see dev.tessera.rendition.RenditionKey), in memory and in a persistent store,
 * rendered at most once at a time per key on this node. Build one with {@link RenditionCaches#builder()}.
 *
 * <p>Image ids and keys are blob key segments ({@code [a-z0-9][a-z0-9._-]*}), an image id at least 4
 * characters of {@code [a-z0-9]} first; anything else is an {@link IllegalArgumentException}.
 */
public interface RenditionCache extends AutoCloseable {

    /**
     * The rendition for (imageId, key): from memory, else the store, else by calling render exactly once per
     * key on this node even under concurrent requests (the others wait and get COLLAPSED). A render that throws
     * wakes every waiter with the same exception and caches no rendition; a failure the builder's
     * {@code rememberFailures} calls deterministic is thrown again, without rendering, for its time to live.
     * A store failure (read, or write after a successful render) is logged and does not fail the request;
     * a stored rendition that fails its checksum is a miss.
     */
    CacheResult get(String imageId, String key, Callable<Rendition> render) throws Exception;

    /**
     * The rendition when this node's memory holds it (counted as a memory hit), else null; never loads, renders
     * or reads the store: null also when the image's purge marker is due a re-read ({@link #get} reads it). For a
     * fast path that knows the key already and must not block.
     */
    CacheResult getIfInMemory(String imageId, String key);

    /** Removes every rendition of the image from every tier; a render in flight for it is not kept either. */
    void purge(String imageId) throws IOException;

    CacheStats stats();

    /** Stops the store sweeper; the store stays open (its owner closes it). */
    @Override
    void close();
}
