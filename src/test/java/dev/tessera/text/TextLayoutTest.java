package dev.tessera.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class TextLayoutTest {
    static final int BLACK = 0x000000ff;
    static final String LONG = "The quick brown fox jumps over the lazy dog while the cat watches from the warm "
            + "windowsill and the rain keeps falling on the quiet little town by the sea";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TextLayout text = TextLayout.create(TextLayout.DEFAULT_CACHE_BYTES, registry);

    static TextStyle style(int size, int minSize, Align align, int maxLines) {
        return new TextStyle("DejaVu Sans", size, minSize, false, BLACK, align, maxLines, Direction.AUTO);
    }

    @Test
    void shortTitleIsOneLineAtTheLeftOfTheBox() {
        TextRaster r = text.layout("Summer sale", style(44, 0, Align.LEFT, 3), 500, 300);
        assertThat(r.width()).isEqualTo(500);
        assertThat(r.height()).isBetween(44, 60);
        assertThat(r.lines()).isEqualTo(1);
        assertThat(r.cut()).isFalse();
        assertThat(r.size()).isEqualTo(44);
        Ink ink = Ink.of(r);
        assertThat(ink.minX()).isLessThan(8);
        assertThat(ink.maxX()).isBetween(150, 300);
    }

    @Test
    void wrapsAtWordBoundariesWithinMaxLines() {
        TextRaster r = text.layout("Organic cotton shirt with long sleeves", style(44, 0, Align.LEFT, 3), 500, 300);
        assertThat(r.lines()).isEqualTo(2);
        assertThat(r.cut()).isFalse();
        assertThat(r.height()).isLessThanOrEqualTo(300);
        assertThat(Ink.of(r, r.height() / 2, r.height())).isNotNull();
    }

    @Test
    void longTitleIsCutOnItsLastLineWithAnEllipsis() {
        TextStyle style = style(44, 0, Align.LEFT, 3);
        TextRaster r = text.layout(LONG, style, 500, 300);
        assertThat(r.lines()).isEqualTo(3);
        assertThat(r.cut()).isTrue();
        assertThat(r.height()).isLessThanOrEqualTo(300);
        int lineHeight = r.height() / 3;
        TextRaster dots = text.layout("\u2026", style, 500, 300);
        Ink dotsInk = Ink.of(dots);
        Ink lastLine = Ink.of(r, 2 * lineHeight, 3 * lineHeight);
        // the right end of the last line is the ellipsis: ink only in the rows where "…" alone has ink
        Ink end = Ink.of(crop(r, lastLine.maxX() - dotsInk.width() + 1, 2 * lineHeight, dotsInk.width(), lineHeight));
        assertThat(end.minY()).isBetween(dotsInk.minY() - 1, dotsInk.minY() + 1);
        assertThat(end.maxY()).isBetween(dotsInk.maxY() - 1, dotsInk.maxY() + 1);
        assertThat(end.width()).isEqualTo(dotsInk.width());
    }

    @Test
    void neverTallerThanTheBox() {
        TextRaster r = text.layout(LONG, style(44, 0, Align.LEFT, 10), 500, 120);
        assertThat(r.height()).isLessThanOrEqualTo(120);
        assertThat(r.lines()).isEqualTo(2);
        assertThat(r.cut()).isTrue();
    }

    @Test
    void minSizeShrinksBeforeItCuts() {
        String title = "Organic cotton shirt with long sleeves and buttons";
        assertThat(text.layout(title, style(44, 0, Align.LEFT, 2), 500, 300).cut()).isTrue();
        TextRaster shrunk = text.layout(title, style(44, 20, Align.LEFT, 2), 500, 300);
        assertThat(shrunk.cut()).isFalse();
        assertThat(shrunk.size()).isBetween(20, 43);
        assertThat(text.layout(title, style(shrunk.size() + 1, 0, Align.LEFT, 2), 500, 300).cut()).isTrue();
        TextRaster atMin = text.layout(LONG, style(44, 30, Align.LEFT, 2), 500, 300);
        assertThat(atMin.size()).isEqualTo(30);
        assertThat(atMin.cut()).isTrue();
    }

    @Test
    void alignsLinesLeftCentreAndRightInTheBox() {
        Ink left = Ink.of(text.layout("Sale", style(40, 0, Align.LEFT, 1), 600, 100));
        Ink centre = Ink.of(text.layout("Sale", style(40, 0, Align.CENTER, 1), 600, 100));
        Ink right = Ink.of(text.layout("Sale", style(40, 0, Align.RIGHT, 1), 600, 100));
        assertThat(left.minX()).isLessThan(8);
        assertThat(centre.centreX()).isBetween(295.0, 305.0);
        assertThat(right.maxX()).isGreaterThan(590);
    }

    @Test
    void aCachedLayoutIsNotLaidOutAgain() {
        TextStyle style = style(30, 0, Align.LEFT, 2);
        TextRaster first = text.layout("Cached title", style, 400, 100);
        TextRaster second = text.layout("Cached title", style, 400, 100);
        assertThat(second).isSameAs(first);
        assertThat(registry.counter("tessera.text.layouts").count()).isEqualTo(1.0);
        text.layout("Cached title", style, 401, 100);
        assertThat(registry.counter("tessera.text.layouts").count()).isEqualTo(2.0);
    }

    @Test
    void colourAndAlphaComeFromTheStyle() {
        TextStyle red = new TextStyle("DejaVu Sans", 40, 0, true, 0xe5393580, Align.LEFT, 1, Direction.AUTO);
        TextRaster r = text.layout("HH", red, 200, 60);
        int opaque = 0;
        for (int i = 0; i < r.rgba().length; i += 4) {
            int a = r.rgba()[i + 3] & 0xff;
            assertThat(a).isLessThanOrEqualTo(0x80);
            if (a == 0x80) {
                opaque++;
                assertThat(r.rgba()[i] & 0xff).isBetween(0xe3, 0xe7);
                assertThat(r.rgba()[i + 1] & 0xff).isBetween(0x37, 0x3b);
            }
        }
        assertThat(opaque).isGreaterThan(100);
    }

    @Test
    void anUnknownFontFallsBackToDejaVuSans() {
        TextStyle dejavu = style(36, 0, Align.LEFT, 2);
        TextStyle unknown = new TextStyle("No Such Font, Bold 99", 36, 0, false, BLACK, Align.LEFT, 2, Direction.AUTO);
        TextStyle mono = new TextStyle("DejaVu Sans Mono", 36, 0, false, BLACK, Align.LEFT, 2, Direction.AUTO);
        byte[] expected = text.layout("Fallback font 123", dejavu, 500, 100).rgba();
        assertThat(Arrays.equals(text.layout("Fallback font 123", unknown, 500, 100).rgba(), expected)).isTrue();
        assertThat(Arrays.equals(text.layout("Fallback font 123", mono, 500, 100).rgba(), expected)).isFalse();
    }

    @Test
    void boldIsBolder() {
        TextStyle bold = new TextStyle("DejaVu Sans", 36, 0, true, BLACK, Align.LEFT, 1, Direction.AUTO);
        assertThat(inkSum(text.layout("Bold title", bold, 500, 100)))
                .isGreaterThan(inkSum(text.layout("Bold title", style(36, 0, Align.LEFT, 1), 500, 100)) * 5 / 4);
    }

    @Test
    void aBoxTooShortForOneLineGetsNothing() {
        TextRaster r = text.layout("Too tall", style(44, 0, Align.LEFT, 2), 500, 20);
        assertThat(r.lines()).isZero();
        assertThat(r.cut()).isTrue();
        assertThat(r.height()).isZero();
        assertThat(text.layout("   ", style(44, 0, Align.LEFT, 2), 500, 100).height()).isZero();
    }

    static long inkSum(TextRaster r) {
        long sum = 0;
        for (int i = 3; i < r.rgba().length; i += 4) sum += r.rgba()[i] & 0xff;
        return sum;
    }

    static TextRaster crop(TextRaster r, int x0, int y0, int w, int h) {
        byte[] out = new byte[4 * w * h];
        for (int y = 0; y < h; y++) System.arraycopy(r.rgba(), ((y0 + y) * r.width() + x0) * 4, out, y * w * 4, w * 4);
        return new TextRaster(w, h, out, r.size(), r.lines(), r.cut());
    }
}
