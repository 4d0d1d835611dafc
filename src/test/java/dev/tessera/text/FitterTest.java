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
        Fitter.Fit fit = fitter.fit(family.repeat(40), style(1), 300, 100);
        assertThat(fit.cut()).isTrue();
        String kept = visible(fit);
        assertThat(kept).isNotEmpty();
        assertThat(kept.length() % family.length()).isZero();
        assertThat(kept).isEqualTo(family.repeat(kept.length() / family.length()));
    }

    @Test
    void cutsAccentedLettersWhole() {
        String accented = "e\u0301";
        for (int width = 100; width < 130; width += 3) {
            Fitter.Fit fit = fitter.fit(accented.repeat(80), style(2), width, 100);
            assertThat(fit.cut()).isTrue();
            assertThat(visible(fit).length() % 2).as("width %d", width).isZero();
            assertThat(fit.metrics().lines()).isEqualTo(2);
        }
    }

    /** The text drawn before the ellipsis. */
    private static String visible(Fitter.Fit fit) {
        String inner = fit.markup().substring(fit.markup().indexOf('>') + 1, fit.markup().lastIndexOf('<'));
        assertThat(inner).endsWith(Markup.ELLIPSIS);
        return inner.substring(0, inner.length() - 1);
    }
}
