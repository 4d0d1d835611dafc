package dev.tessera.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

/** Random titles in many scripts, small sizes and boxes: the text stays inside its box, within maxLines. */
class TextLayoutPropertyTest {
    private final TextLayout text = TextLayout.create();
    private final Fitter fitter = new Fitter(new Measurer());

    record Case(String title, TextStyle style, int boxWidth, int boxHeight) {}

    @Property(tries = 1000, seed = "20261201", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.MIXIN)
    void textStaysInsideItsBox(@ForAll("cases") Case c) {
        TextRaster r = text.layout(c.title(), c.style(), c.boxWidth(), c.boxHeight());
        assertThat(r.width()).isEqualTo(c.boxWidth());
        assertThat(r.height()).isBetween(0, c.boxHeight());
        assertThat(r.lines()).isBetween(0, c.style().maxLines());
        assertThat(r.size()).isBetween(Math.min(c.style().minSize(), c.style().size()), c.style().size());
        if (r.lines() == 0) {
            assertThat(anyInk(r)).isFalse();
            return;
        }
        assertThat(anyInk(r)).as("something is drawn").isTrue();
        try (Fitter.Fit fit = fitter.fit(Markup.clean(c.title()), c.style(), c.boxWidth(), c.boxHeight())) {
            Measurer.Metrics m = fit.metrics();
            assertThat(fit.cut()).isEqualTo(r.cut());
            assertThat(fit.markup().contains(Markup.ELLIPSIS)).isEqualTo(r.cut() || c.title().contains(Markup.ELLIPSIS));
            assertThat(m.logicalW()).isLessThanOrEqualTo(c.boxWidth());
            assertThat(m.logicalH()).isLessThanOrEqualTo(c.boxHeight());
            // the ink may overhang its line box by a sliver (side bearings, tall emoji); clipping never cuts more
            int slack = 2 + c.style().size() / 4;
            assertThat(m.inkX()).isGreaterThanOrEqualTo(-slack);
            assertThat(m.inkX() + m.inkW()).isLessThanOrEqualTo(c.boxWidth() + slack);
            assertThat(m.inkY() + m.inkH()).isLessThanOrEqualTo(c.boxHeight() + slack);
        }
    }

    private static boolean anyInk(TextRaster r) {
        for (int i = 3; i < r.rgba().length; i += 4) if (r.rgba()[i] != 0) return true;
        return false;
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> title = word().list().ofMinSize(1).ofMaxSize(20).map(words -> String.join(" ", words));
        Arbitrary<Integer> size = Arbitraries.integers().between(8, 28);
        Arbitrary<TextStyle> style = Combinators.combine(size, Arbitraries.integers().between(0, 28),
                Arbitraries.of(Align.class), Arbitraries.integers().between(1, 4), Arbitraries.of(Direction.class),
                Arbitraries.of(true, false), Arbitraries.of("DejaVu Sans", "Noto Sans", "No Such Font"))
                .as((s, min, align, lines, dir, bold, font) -> new TextStyle(font, s, min < 6 ? 0 : Math.min(min, s),
                        bold, 0x202020ff, align, lines, dir));
        return Combinators.combine(title, style, Arbitraries.integers().between(16, 320),
                Arbitraries.integers().between(6, 140)).as(Case::new);
    }

    private static Arbitrary<String> word() {
        Arbitrary<String> latin = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('\u00c0', '\u00ff').ofMinLength(1).ofMaxLength(14);
        Arbitrary<String> arabic = Arbitraries.strings().withCharRange('\u0621', '\u064a')
                .withCharRange('\u0660', '\u0669').ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> hebrew = Arbitraries.strings().withCharRange('\u05d0', '\u05ea').ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> cjk = Arbitraries.strings().withCharRange('\u4e00', '\u4fff').withCharRange('\u3041', '\u3096')
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> emoji = Arbitraries.of(List.of("\ud83d\ude00", "\ud83c\udf89", "\ud83d\udc4d\ud83c\udffd",
                "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67", "\ud83c\uddeb\ud83c\uddf7", "\u2764\ufe0f"))
                .list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l));
        Arbitrary<String> other = Arbitraries.of("2024", "-50%", "\u20ac19,99", "<b>", "&amp;", "\u2026", "(new)", "x\u0301");
        return Arbitraries.frequencyOf(Tuple.of(5, latin), Tuple.of(2, arabic), Tuple.of(2, hebrew),
                Tuple.of(2, cjk), Tuple.of(1, emoji), Tuple.of(1, other));
    }
}
