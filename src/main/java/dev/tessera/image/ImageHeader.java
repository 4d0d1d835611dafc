package dev.tessera.image;


/**
 * What an image's header says, with width and height as displayed (after EXIF orientation).
 * {@code progressive}: an interlaced JPEG or PNG, which can't be shrunk while decoding.
 * {@code bands} and {@code bitDepth} (per sample) are 0 in metadata written before they were recorded.
 * {@code chromaSubsampling}: for a JPEG, how many pixels share one chroma sample (1 at 4:4:4, 2 at 4:2:2 or 4:4:0,
 * 4 at 4:2:0 or 4:1:1); 0 when not known (not a JPEG, an unreadable frame header, metadata written before it was
 * recorded), which estimates take as 1.
 */
public record ImageHeader(ImageFormat format, int width, int height, int orientation, boolean hasAlpha, int pages,
                          boolean progressive, int bands, int bitDepth, int chromaSubsampling) {

    public ImageHeader(ImageFormat format, int width, int height, int orientation, boolean hasAlpha, int pages) {
        this(format, width, height, orientation, hasAlpha, pages, false, hasAlpha ? 4 : 3, 8, 0);
    }

    /** The same image stored for decoding in sequence (a progressive JPEG's baseline copy). */
    public ImageHeader inSequence() {
        return new ImageHeader(format, width, height, orientation, hasAlpha, pages, false, bands, bitDepth,
                chromaSubsampling);
    }

    public long pixels() {
        return (long) width * height * pages;
    }
}
