package dev.tessera.rendition;

import dev.tessera.image.ImageHeader;
import dev.tessera.image.SourceImage;
import java.io.IOException;

/** What a rendition is made from: a stored original, a fetched remote source; a template composition later. */
public sealed interface Source permits StoredOriginal, RemoteSource {
    /** Names the content (a SHA-256 for an original): part of every rendition key, the cache's partition. */
    String contentId();

    /** The tenant whose turn in the render pool a render takes. */
    String owner();

    ImageHeader header();

    /**
     * The image for libvips; read on the render thread, so queued renders hold no image bytes. The caller closes
     * it (a temporary copy of a remote store's blob is deleted).
     */
    SourceImage open() throws IOException;

    /**
     * The image for the source's {@link Mezzanine}, a decode made once: as {@link #open}, but it starts no work
     * that only later decodes gain (a stored original's baseline copy, made by the upload's background work).
     */
    default SourceImage openForMezzanine() throws IOException {
        return open();
    }

    /**
     * Makes {@link #open} decode in sequence, for a render that fits the memory budget only that way: a progressive
     * original's baseline copy (the same pixels), made now in the owner's turn when missing. False: it gets none.
     */
    default boolean readyInSequence() throws IOException {
        return false;
    }
}
