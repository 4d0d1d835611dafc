package dev.tessera.templates;

/**
 * An 8-bit sRGB canvas in a Java array, 3 bands (opaque) or 4 (RGBA, not premultiplied): layers are copied into
 * it (opaque) or blended "over" it (with alpha), clipped to the canvas, one box at a time. Blending in 8 bits
 * with rounding: within 1 of libvips' float {@code composite}.
 */
final class Canvas {
    final int width;
    final int height;
    final int bands;
    final byte[] pixels;

    /** A canvas of one colour ({r, g, b} or {r, g, b, a}) in {@code pixels}: width * height * bands bytes, overwritten. */
    Canvas(int width, int height, int[] colour, byte[] pixels) {
        if (pixels.length != width * height * colour.length) throw new IllegalArgumentException("wrong pixel count");
        this.width = width;
        this.height = height;
        this.bands = colour.length;
        this.pixels = pixels;
        for (int i = 0; i < bands; i++) pixels[i] = (byte) colour[i];
        for (int filled = bands; filled < pixels.length; filled *= 2) {
            System.arraycopy(pixels, 0, pixels, filled, Math.min(filled, pixels.length - filled));
        }
    }

    /** Draws {@code src} (w x h, 3 bands RGB or 4 RGBA) with its top left at (x, y). */
    void draw(byte[] src, int w, int h, int srcBands, int x, int y) {
        int x0 = Math.max(0, x), x1 = Math.min(width, x + w);
        for (int row = Math.max(0, -y); row < h && y + row < height; row++) {
            if (x1 <= x0) return;
            int s = (row * w + x0 - x) * srcBands, d = ((y + row) * width + x0) * bands;
            if (srcBands == 3 && bands == 3) {
                System.arraycopy(src, s, pixels, d, (x1 - x0) * 3);
                continue;
            }
            for (int px = x0; px < x1; px++, s += srcBands, d += bands) {
                int a = srcBands == 4 ? src[s + 3] & 0xff : 255;
                over(src[s] & 0xff, src[s + 1] & 0xff, src[s + 2] & 0xff, a, d);
            }
        }
    }

    /** A w x h rectangle of one colour {r, g, b, a} at (x, y), its corners rounded (anti-aliased) by radius. */
    void rect(int x, int y, int w, int h, int[] rgba, int radius) {
        int r = Math.max(0, Math.min(radius, Math.min(w, h) / 2));
        for (int row = Math.max(0, -y); row < h && y + row < height; row++) {
            for (int col = Math.max(0, -x); col < w && x + col < width; col++) {
                int a = r == 0 ? rgba[3] : (rgba[3] * coverage(col, row, w, h, r) + 127) / 255;
                over(rgba[0], rgba[1], rgba[2], a, ((y + row) * width + x + col) * bands);
            }
        }
    }

    /**
     * How much of pixel (x, y) a w x h rectangle with corners of radius r covers (0..255): the pixel centre's
     * distance past the corner circle, so edge pixels are partly covered.
     */
    static int coverage(int x, int y, int w, int h, int r) {
        double qx = Math.max(0, Math.abs(x + 0.5 - w / 2.0) + r - w / 2.0);
        double qy = Math.max(0, Math.abs(y + 0.5 - h / 2.0) + r - h / 2.0);
        double c = 255 * (r + 0.5 - Math.sqrt(qx * qx + qy * qy));
        return c >= 255 ? 255 : c <= 0 ? 0 : (int) Math.round(c);
    }

    /** Colour (r, g, b) at alpha a over the pixel at byte offset d. */
    private void over(int r, int g, int b, int a, int d) {
        if (a == 0) return;
        if (bands == 3 || a == 255) {
            pixels[d] = (byte) mix(r, pixels[d] & 0xff, a);
            pixels[d + 1] = (byte) mix(g, pixels[d + 1] & 0xff, a);
            pixels[d + 2] = (byte) mix(b, pixels[d + 2] & 0xff, a);
            if (bands == 4) pixels[d + 3] = (byte) 255;
            return;
        }
        int da = pixels[d + 3] & 0xff;
        int under = da * (255 - a); // the canvas' weight, times 255
        int outA255 = a * 255 + under; // the result's alpha, times 255
        if (outA255 == 0) return;
        pixels[d] = (byte) ((r * a * 255 + (pixels[d] & 0xff) * under + outA255 / 2) / outA255);
        pixels[d + 1] = (byte) ((g * a * 255 + (pixels[d + 1] & 0xff) * under + outA255 / 2) / outA255);
        pixels[d + 2] = (byte) ((b * a * 255 + (pixels[d + 2] & 0xff) * under + outA255 / 2) / outA255);
        pixels[d + 3] = (byte) ((outA255 + 127) / 255);
    }

    private static int mix(int src, int dst, int a) {
        return (src * a + dst * (255 - a) + 127) / 255;
    }
}
