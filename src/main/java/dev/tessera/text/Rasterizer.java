package dev.tessera.text;

/**
 * Draws a fitted layout (its ink, in RGBA, so colour emoji keep their colours: the pixels libvips' {@code text}
 * would draw) where Pango put the ink, in a box-wide raster clipped to the box.
 */
final class Rasterizer {
    TextRaster draw(Fitter.Fit fit, TextStyle style, int boxWidth, int boxHeight) {
        Measurer.Metrics m = fit.metrics();
        int height = Math.min(boxHeight, Math.max(m.logicalH(), m.inkY() + m.inkH()));
        byte[] out = new byte[4 * boxWidth * Math.max(0, height)];
        if (m.lines() > 0 && m.inkW() > 0 && m.inkH() > 0 && height > 0) {
            blit(fit.laid().ink(), m.inkW(), m.inkH(), m.inkX(), m.inkY(), out, boxWidth, height, style.rgba() & 0xff);
        }
        return new TextRaster(boxWidth, Math.max(0, height), out, fit.size(), m.lines(), fit.cut());
    }

    /** Copies src (w x h RGBA) to (x0, y0) of dst, clipped, with its alpha scaled by alpha/255. */
    private static void blit(byte[] src, int w, int h, int x0, int y0, byte[] dst, int dw, int dh, int alpha) {
        for (int y = Math.max(0, -y0); y < h && y0 + y < dh; y++) {
            int xFrom = Math.max(0, -x0), xTo = Math.min(w, dw - x0);
            if (xTo <= xFrom) continue;
            int s = (y * w + xFrom) * 4, d = ((y0 + y) * dw + x0 + xFrom) * 4;
            System.arraycopy(src, s, dst, d, (xTo - xFrom) * 4);
            if (alpha != 255) {
                for (int i = d + 3; i < d + (xTo - xFrom) * 4; i += 4) {
                    dst[i] = (byte) (((dst[i] & 0xff) * alpha + 127) / 255);
                }
            }
        }
    }
}
