package dev.tessera.options;

/** A region of the (oriented) source, taken before resizing. */
public record Crop(int x, int y, int width, int height) {
    public Crop {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("crop needs x, y >= 0 and width, height >= 1");
        }
    }

    /** As the {@code crop} parameter spells it: {@code X,Y,W,H}. */
    String text() {
        return x + "," + y + "," + width + "," + height;
    }
}
