package dev.tessera.source;

import dev.tessera.options.ImageFormat;
import dev.tessera.processing.ImageHeader;

/** A stored original: its id (SHA-256 of its bytes), size in bytes and header. */
public record ImageInfo(String id, long bytes, ImageHeader header) {

    public ImageFormat format() {
        return header.format();
    }
}
