package dev.tessera.processing;

import dev.tessera.vips.VipsImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Owns the images of one render and releases them all at the end. */
final class ImageScope implements AutoCloseable {
    private final List<VipsImage> images = new ArrayList<>();
    private final Set<VipsImage> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    VipsImage add(VipsImage image) {
        if (seen.add(image)) images.add(image);
        return image;
    }

    @Override
    public void close() {
        for (int i = images.size() - 1; i >= 0; i--) images.get(i).close();
        images.clear();
        seen.clear();
    }
}
