package dev.tessera.image;


/**
 * What an image's header says, with width and height as displayed (after EXIF orientation).
 * {@code progressive}: an interlaced JPEG or PNG, which can't be shrunk while decoding.
 * {@code bands} and {@code bitDepth} (per sample) are 0 in metadata written before they were recorded.
 */
public record ImageHeader(ImageFormat format, int width, int height, int orientation, boolean hasAlpha, int pages,
                          boolean progressive, int bands, int bitDepth) {

    public ImageHeader(ImageFormat format, int width, int height, int orientation, boolean hasAlpha, int pages) {
        this(format, width, height, orientation, hasAlpha, pages, false, hasAlpha ? 4 : 3, 8);
    }

    public long pixels() {
        return (long) width * height * pages;
    }
}
