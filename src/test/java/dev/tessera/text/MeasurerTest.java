package dev.tessera.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kept layout must draw exactly what libvips' {@code text} draws for the same markup, font and width (the same
 * pixels, so renders keep their bytes), within the ink rectangle Pango measured.
 */
class MeasurerTest {
    private final Measurer measurer = new Measurer();

    @ParameterizedTest
    @ValueSource(strings = {"Summer sale", "Organic cotton shirt with long sleeves and buttons on the front",
        "\u062f\u0627\u0631 \u0627\u0644\u0633\u0644\u0627\u0645 2024 \u0643\u062a\u0627\u0628 \u062c\u062f\u064a\u062f",
        "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd", "\u6771\u4eac\u306e\u65b0\u3057\u3044\u30ab\u30e1\u30e9 \u30bb\u30fc\u30eb",
        "Party \ud83c\udf89 time \ud83d\ude00", "Ag\u00c5\u0301 j\u0332"})
    void theKeptLayoutDrawsLibvipsTextsPixels(String title) {
        for (Align align : Align.values()) {
            String markup = Markup.markup(title, 0x112233ff);
            String font = Markup.font("DejaVu Sans", true, 37);
            Measurer.Metrics m;
            byte[] ink;
            try (Measurer.Laid laid = measurer.measure(title, markup, font, 300, align)) {
                m = laid.metrics;
                ink = laid.ink();
            }
            String vipsAlign = new String[] {"low", "centre", "high"}[m.align()];
            try (VipsImage img = Vips.operation("text").set("text", markup).set("font", font).set("width", 300)
                    .set("dpi", Measurer.DPI).set("rgba", true).set("wrap", "word-char").set("align", vipsAlign)
                    .image()) {
                assertThat(img.width()).isEqualTo(m.inkW());
                assertThat(img.height()).isEqualTo(m.inkH());
                assertThat(ink).as("%s, %s", title, align).isEqualTo(img.toBytes());
            }
            assertThat(m.logicalW()).isLessThanOrEqualTo(300);
            assertThat(m.lineStarts()[0]).isZero();
            assertThat(m.lineEnds()[m.lines() - 1]).isEqualTo(title.length());
            for (int i = 1; i < m.lines(); i++) assertThat(m.lineStarts()[i]).isEqualTo(m.lineEnds()[i - 1]);
            assertThat(m.lineBottoms()[m.lines() - 1]).isEqualTo(m.logicalH());
            assertThat(m.inkX()).isBetween(-5, 300);
        }
    }
}
