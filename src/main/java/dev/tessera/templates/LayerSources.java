package dev.tessera.templates;

import dev.tessera.image.ImageException;
import dev.tessera.image.SourceImage;
import dev.tessera.rendition.Source;
import dev.tessera.rendition.StoredOriginal;
import dev.tessera.security.ForbiddenSourceException;
import dev.tessera.source.Originals;
import dev.tessera.security.RemoteUrl;
import java.time.Duration;

/**
 * Finds an image layer's source before the render takes a thread: {@code id:<image id>} in the store (any stored
 * image, as {@code /images/{id}} serves any), or a URL through {@link UrlImages}. A source that cannot be found,
 * fetched or is over the pixel limit is the layer's failure, or its {@code fallback} when it has one.
 */
public final class LayerSources {
    private final Originals originals;
    private final UrlImages urls;
    private final long maxPixels;
    private final Duration fetchTimeout;

    /** {@code urls} null: URL sources are refused (403 forbidden_source). */
    public LayerSources(Originals originals, UrlImages urls, long maxPixels, Duration fetchTimeout) {
        this.originals = originals;
        this.urls = urls;
        this.maxPixels = maxPixels;
        this.fetchTimeout = fetchTimeout;
    }

    Source find(Scene.Picture picture, String tenant) {
        try {
            return resolve(picture.source(), tenant);
        } catch (Exception failure) {
            if (picture.fallback() == null) throw new LayerFailedException(picture.field(), failure);
            try {
                return resolve(picture.fallback(), tenant);
            } catch (Exception fallbackFailure) {
                throw new LayerFailedException(picture.field(), failure);
            }
        }
    }

    /** The source's bytes or file, on the render thread. */
    static SourceImage open(Scene.Picture picture, Source source) {
        try {
            return source.open();
        } catch (Exception e) {
            throw new LayerFailedException(picture.field(), e);
        }
    }

    private Source resolve(String spec, String tenant) throws Exception {
        Source source;
        if (spec.startsWith("id:")) {
            source = StoredOriginal.find(originals, spec.substring(3));
        } else if (urls == null) {
            throw new ForbiddenSourceException("image sources by URL are not enabled on this server");
        } else {
            source = urls.fetch(RemoteUrl.parse(spec), tenant, System.nanoTime() + fetchTimeout.toNanos());
        }
        if (source.header().pixels() > maxPixels) {
            throw new ImageException(ImageException.Reason.TOO_MANY_PIXELS, "the image of an image layer has more "
                    + "than " + maxPixels + " pixels");
        }
        return source;
    }
}
