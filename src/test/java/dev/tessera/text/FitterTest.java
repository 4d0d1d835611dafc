package dev.tessera.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cut keeps whole graphemes: never half an emoji sequence or a letter without its accent. */
class FitterTest {
    private final Fitter fitter = new Fitter(new Measurer());

    static TextStyle style(int maxLines) {
        return new TextStyle("DejaVu Sans", 30, 0, false, 0x000000ff, Align.LEFT, maxLines, Direction.AUTO);
    }

    @Test
    void cutsEmojiSequencesWhole() {
        String family = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67";
        try (Fitter.Fit fit = fitter.fit(family.repeat(40), style(1), 300, 100)) {
            assertThat(fit.cut()).isTrue();
            String kept = visible(fit);
            assertThat(kept).isNotEmpty();
            assertThat(kept.length() % family.length()).isZero();
            assertThat(kept).isEqualTo(family.repeat(kept.length() / family.length()));
        }
    }

    @Test
    void cutsAccentedLettersWhole() {
        String accented = "e\u0301";
        for (int width = 100; width < 130; width += 3) {
            try (Fitter.Fit fit = fitter.fit(accented.repeat(80), style(2), width, 100)) {
                assertThat(fit.cut()).isTrue();
                assertThat(visible(fit).length() % 2).as("width %d", width).isZero();
                assertThat(fit.metrics().lines()).isEqualTo(2);
            }
        }
    }

    @Test
    void aTitleIsLaidOutOncePerProbeAndDrawnFromTheChosenLayout() {
        Measurer measurer = new Measurer();
        Fitter counted = new Fitter(measurer);
        TextStyle title = new TextStyle("DejaVu Sans", 44, 32, false, 0x111111ff, Align.LEFT, 4, Direction.AUTO);
        try (Fitter.Fit fit = counted.fit("Trail running shoes, breathable mesh, size 36-47 #7", title, 500, 300)) {
            assertThat(measurer.layouts()).as("fits at its size: one probe").isEqualTo(1);
            TextRaster r = new Rasterizer().draw(fit, title, 500, 300);
            assertThat(r.lines()).isBetween(2, 4);
            assertThat(Ink.of(r)).isNotNull();
        }
        assertThat(measurer.layouts()).as("drawing lays out nothing again").isEqualTo(1);
        try (Fitter.Fit shrunk = counted.fit("Trail running shoes, breathable mesh", title, 300, 90)) {
            long probes = measurer.layouts() - 1;
            assertThat(probes).as("full size, minSize, then a binary search").isGreaterThan(2);
            assertThat(shrunk.size()).isBetween(32, 43);
            new Rasterizer().draw(shrunk, title, 300, 90);
            assertThat(measurer.layouts() - 1).isEqualTo(probes);
        }
    }

    /** The text drawn before the ellipsis. */
    private static String visible(Fitter.Fit fit) {
        String inner = fit.markup().substring(fit.markup().indexOf('>') + 1, fit.markup().lastIndexOf('<'));
        assertThat(inner).endsWith(Markup.ELLIPSIS);
        return inner.substring(0, inner.length() - 1);
    }
}
