package dev.tessera.text;

/**
 * The pixels of one text layer: width = the box width, height <= the box height, straight (not premultiplied)
 * sRGB RGBA, 8 bit, row-major; to be drawn at the box's top-left. size = the font size used, lines = lines drawn,
 * cut = ended in an ellipsis. The array is shared (e.g. by the cache): never modify it.
 */
public record TextRaster(int width, int height, byte[] rgba, int size, int lines, boolean cut) {
    public TextRaster {
        if (rgba.length != 4L * width * height) throw new IllegalArgumentException("rgba is not width*height*4");
    }

    /** Alpha of the pixel at (x, y), 0-255. */
    public int alpha(int x, int y) {
        return rgba[(y * width + x) * 4 + 3] & 0xff;
    }
}
