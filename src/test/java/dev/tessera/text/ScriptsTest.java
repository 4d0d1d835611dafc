package dev.tessera.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import org.junit.jupiter.api.Test;

/** Escaping, bidirectional text and colour emoji, probed in real pixels. */
class ScriptsTest {
    private final TextLayout text = TextLayout.create();

    static TextStyle style(Align align, Direction direction) {
        return new TextStyle("DejaVu Sans", 40, 0, false, 0x000000ff, align, 2, direction);
    }

    @Test
    void markupInASlotIsDrawnLiterally() {
        TextRaster r = text.layout("<b>&amp;", style(Align.LEFT, Direction.AUTO), 600, 100);
        byte[] ink = inkOf(r);
        assertThat(ink).isEqualTo(vipsInk("&lt;b&gt;&amp;amp;"));
        assertThat(ink).isNotEqualTo(vipsInk("<b>&amp;</b>"));
        assertThat(Ink.of(r).width()).isGreaterThan(3 * Ink.of(text.layout("&", style(Align.LEFT, Direction.AUTO),
                600, 100)).width());
    }

    @Test
    void aBrokenMarkupSlotStillRenders() {
        TextRaster r = text.layout("</span><span size=\"99999\">x &bogus; \u0001", style(Align.LEFT, Direction.AUTO),
                600, 200);
        assertThat(r.lines()).isBetween(1, 2);
        assertThat(Ink.of(r)).isNotNull();
    }

    /** The alpha channel of the ink box of r, row-major. */
    static byte[] inkOf(TextRaster r) {
        Ink ink = Ink.of(r);
        byte[] out = new byte[ink.width() * ink.height()];
        for (int y = 0; y < ink.height(); y++) {
            for (int x = 0; x < ink.width(); x++) out[y * ink.width() + x] = (byte) r.alpha(ink.minX() + x, ink.minY() + y);
        }
        return out;
    }

    /** libvips' own rendering of this markup (alpha of its ink box), the reference. */
    static byte[] vipsInk(String markup) {
        try (VipsImage img = Vips.operation("text").set("text", markup).set("font", "DejaVu Sans, 40")
                .set("dpi", 72).set("rgba", true).image()) {
            byte[] px = img.toBytes();
            TextRaster r = new TextRaster(img.width(), img.height(), px, 40, 1, false);
            return inkOf(r);
        }
    }
}
