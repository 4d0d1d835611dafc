package dev.tessera.rendition;

import dev.tessera.image.ImageHeader;
import dev.tessera.image.SourceImage;
import dev.tessera.image.ImageInfo;
import dev.tessera.source.ImageNotFoundException;
import dev.tessera.source.Originals;
import java.io.IOException;

/** An uploaded original in the store. */
public record StoredOriginal(ImageInfo info, Originals originals) implements Source {

    /** The stored original with this id. */
    public static StoredOriginal find(Originals originals, String id) throws IOException {
        return new StoredOriginal(originals.info(id).orElseThrow(() -> new ImageNotFoundException(id)), originals);
    }

    @Override
    public String contentId() {
        return info.id();
    }

    @Override
    public String owner() {
        return info.tenant();
    }

    @Override
    public ImageHeader header() {
        return info.header();
    }

    /** Makes the original's baseline copy now when it gets one and lacks it (background work). */
    void prepareBaselineCopy() throws IOException {
        originals.prepareBaselineCopy(info);
    }

    @Override
    public boolean readyInSequence() throws IOException {
        return originals.ensureBaselineCopy(info);
    }

    @Override
    public SourceImage open() throws IOException {
        return originals.source(info).orElseThrow(() -> new ImageNotFoundException(info.id()));
    }

    @Override
    public SourceImage openForMezzanine() throws IOException {
        return originals.sourceAsFound(info).orElseThrow(() -> new ImageNotFoundException(info.id()));
    }
}
