package dev.tessera.processing;

import dev.tessera.options.ImageFormat;

/**
 * What an image's header says, with width and height as displayed (after EXIF orientation).
 * {@code progressive}: an interlaced JPEG or PNG, which can't be shrunk while decoding.
 */
public record ImageHeader(ImageFormat format, int width, int height, int orientation, boolean hasAlpha, int pages,
                          boolean progressive) {

    public ImageHeader(ImageFormat format, int width, int height, int orientation, boolean hasAlpha, int pages) {
        this(format, width, height, orientation, hasAlpha, pages, false);
    }

    public long pixels() {
        return (long) width * height * pages;
    }
}
