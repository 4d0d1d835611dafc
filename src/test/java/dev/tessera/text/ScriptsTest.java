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

    @Test
    void anArabicTitleRunsRightToLeftWithItsNumbersLeftToRight() {
        TextStyle style = style(Align.LEFT, Direction.AUTO);
        TextRaster title = text.layout("\u062f\u0627\u0631 \u0627\u0644\u0633\u0644\u0627\u0645 2024", style, 800, 100);
        Ink line = Ink.of(title);
        assertThat(line.minX()).as("left aligned stays physical left").isLessThan(8);
        // dal does not join to the left: the first logical letter has the same glyph alone, at the right end
        assertThat(endsWith(title, text.layout("\u062f", style, 800, 100), true)).isTrue();
        assertThat(endsWith(title, text.layout("2024", style, 800, 100), false)).isTrue();
        // control: in a forced left-to-right paragraph the final "!" ends up at the right, not the first letter
        String exclaimed = "\u062f\u0627\u0631 \u0627\u0644\u0633\u0644\u0627\u0645!";
        TextRaster forcedLtr = text.layout(exclaimed, style(Align.LEFT, Direction.LTR), 800, 100);
        assertThat(endsWith(forcedLtr, text.layout("\u062f", style, 800, 100), true)).isFalse();
        assertThat(endsWith(text.layout(exclaimed, style, 800, 100), text.layout("\u062f", style, 800, 100), true))
                .isTrue();
    }

    @Test
    void aHebrewTitleStartsAtTheRight() {
        TextStyle style = style(Align.RIGHT, Direction.AUTO);
        TextRaster title = text.layout("\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd", style, 800, 100);
        assertThat(Ink.of(title).maxX()).isGreaterThan(790);
        assertThat(endsWith(title, text.layout("\u05e9", style, 800, 100), true)).isTrue();
        assertThat(endsWith(title, text.layout("\u05dd", style, 800, 100), false)).isTrue();
    }

    @Test
    void directionCanBeForced() {
        TextRaster rtl = text.layout("abc!", style(Align.LEFT, Direction.RTL), 600, 100);
        TextRaster ltr = text.layout("!abc", style(Align.LEFT, Direction.LTR), 600, 100);
        TextRaster auto = text.layout("abc!", style(Align.LEFT, Direction.AUTO), 600, 100);
        assertThat(inkOf(rtl)).isEqualTo(inkOf(ltr));
        assertThat(inkOf(auto)).isNotEqualTo(inkOf(ltr));
    }

    @Test
    void emojiAreDrawnInColour() {
        TextRaster r = text.layout("Sale \ud83d\ude00\ud83c\udf89", style(Align.LEFT, Direction.AUTO), 600, 100);
        int saturated = 0;
        for (int i = 0; i < r.rgba().length; i += 4) {
            int red = r.rgba()[i] & 0xff, green = r.rgba()[i + 1] & 0xff, blue = r.rgba()[i + 2] & 0xff;
            if ((r.rgba()[i + 3] & 0xff) > 200 && Math.max(red, Math.max(green, blue))
                    - Math.min(red, Math.min(green, blue)) > 80) saturated++;
        }
        assertThat(saturated).isGreaterThan(200);
    }

    /** Whether the ink of glyph (drawn alone) matches the right (or left) end of the line's ink. */
    static boolean endsWith(TextRaster line, TextRaster glyph, boolean right) {
        Ink l = Ink.of(line), g = Ink.of(glyph);
        int dx = right ? l.maxX() - g.maxX() : l.minX() - g.minX();
        long diff = 0;
        int n = 0;
        for (int y = g.minY(); y <= g.maxY(); y++) {
            for (int x = g.minX(); x <= g.maxX(); x++) {
                diff += Math.abs(glyph.alpha(x, y) - line.alpha(x + dx, y));
                n++;
            }
        }
        return diff / (double) n < 12;
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
