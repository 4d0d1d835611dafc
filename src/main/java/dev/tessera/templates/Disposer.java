package dev.tessera.templates;

import dev.tessera.vips.VipsImage;
import java.util.ArrayList;
import java.util.List;

/** Owns the images of one composition and closes them all at the end. */
final class Disposer implements AutoCloseable {
    private final List<VipsImage> images = new ArrayList<>();

    VipsImage add(VipsImage image) {
        images.add(image);
        return image;
    }

    @Override
    public void close() {
        for (int i = images.size() - 1; i >= 0; i--) images.get(i).close();
        images.clear();
    }
}
