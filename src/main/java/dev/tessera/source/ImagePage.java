package dev.tessera.source;

import dev.tessera.image.ImageInfo;
import java.time.Instant;
import java.util.List;

/** One page of stored originals, newest first; {@code next} is the cursor of the following page, or null. */
public record ImagePage(List<Entry> images, String next) {

    /** An original and when it was stored (for a tenant: when that tenant claimed it). */
    public record Entry(ImageInfo info, Instant uploadedAt) {}
}
