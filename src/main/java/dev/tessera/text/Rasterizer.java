package dev.tessera.text;

import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;

/**
 * Draws a fitted layout with libvips' {@code text} operation (RGBA, so colour emoji keep their colours) and
 * places its ink-tight output where Pango put the ink, in a box-wide raster clipped to the box.
 */
final class Rasterizer {
    private static final String[] VIPS_ALIGN = {"low", "centre", "high"};

    TextRaster draw(Fitter.Fit fit, TextStyle style, int boxWidth, int boxHeight) {
        Measurer.Metrics m = fit.metrics();
        int height = Math.min(boxHeight, Math.max(m.logicalH(), m.inkY() + m.inkH()));
        byte[] out = new byte[4 * boxWidth * Math.max(0, height)];
        if (m.lines() > 0 && m.inkW() > 0 && m.inkH() > 0 && height > 0) {
            try (VipsImage text = Vips.operation("text").set("text", fit.markup()).set("font", fit.font())
                    .set("width", boxWidth).set("dpi", Measurer.DPI).set("rgba", true).set("wrap", "word-char")
                    .set("align", VIPS_ALIGN[m.align()]).image()) {
                if (text.bands() != 4 || !"uchar".equals(text.bandFormat())) {
                    throw new IllegalStateException("libvips text gave " + text.bands() + " " + text.bandFormat());
                }
                blit(text.toBytes(), text.width(), text.height(), m.inkX(), m.inkY(), out, boxWidth, height,
                        style.rgba() & 0xff);
            }
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
