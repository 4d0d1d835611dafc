package dev.tessera.text;

/** Where a raster has ink (alpha above a threshold), for probing text pixels in tests. */
record Ink(int minX, int minY, int maxX, int maxY) {
    static final int THRESHOLD = 64;

    /** The ink box of rows [top, bottom) of the raster, or null when they hold no ink. */
    static Ink of(TextRaster r, int top, int bottom) {
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
        for (int y = Math.max(0, top); y < Math.min(r.height(), bottom); y++) {
            for (int x = 0; x < r.width(); x++) {
                if (r.alpha(x, y) > THRESHOLD) {
                    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new Ink(minX, minY, maxX, maxY);
    }

    static Ink of(TextRaster r) {
        return of(r, 0, r.height());
    }

    int width() { return maxX - minX + 1; }

    int height() { return maxY - minY + 1; }

    double centreX() { return (minX + maxX) / 2.0; }
}
