package dev.tessera.processing;

import dev.tessera.options.ImageFormat;

/** What an image's header says, with width and height as displayed (after EXIF orientation). */
public record ImageHeader(ImageFormat format, int width, int height, int orientation, boolean hasAlpha, int pages) {

    public long pixels() {
        return (long) width * height * pages;
    }
}
