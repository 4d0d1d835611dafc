package dev.tessera.rendition;

import dev.tessera.image.ImageHeader;
import dev.tessera.image.SourceImage;
import java.io.IOException;

/**
 * A source fetched from an origin and held in the source cache: named by its body's SHA-256 (so two URLs with
 * the same bytes share renditions), rendered in the turn of the tenant that asked for it.
 */
public record RemoteSource(String contentId, String owner, ImageHeader header, Body body) implements Source {

    /** Reads the cached body (on the render thread: never from the network). */
    @FunctionalInterface
    public interface Body {
        SourceImage open(ImageHeader header) throws IOException;
    }

    @Override
    public SourceImage open() throws IOException {
        return body.open(header);
    }
}
