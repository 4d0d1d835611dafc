package dev.tessera.cache;

import java.util.Objects;

/** A rendition as the cache keeps it: the encoded bytes, their media type and pixel size. Do not change {@code body}. */
public record CachedRendition(byte[] body, String contentType, int width, int height) {

    public CachedRendition {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("invalid size " + width + "x" + height);
        }
    }
}
