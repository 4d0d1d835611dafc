package dev.tessera.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code "format": "price"} through the JDK's locale data; a non-number is a 400 naming the slot. */
class PriceFormatTest {
    private static final char NBSP = '\u00a0';

    @Test
    void formatsForThreeLocales() {
        assertThat(PriceFormat.format("price", "1299.5", "EUR", "de-DE")).isEqualTo("1.299,50" + NBSP + "€");
        assertThat(PriceFormat.format("price", "1299.5", "USD", "en-US")).isEqualTo("$1,299.50");
        assertThat(PriceFormat.format("price", "1299.5", "JPY", "ja-JP")).isIn("￥1,300", "¥1,300");
    }

    @Test
    void notANumberNamesTheSlot() {
        for (String bad : new String[] {"12,50", "abc", "1e3", "", "1.2.3", " 12"}) {
            assertThatThrownBy(() -> PriceFormat.format("amount", bad, "EUR", "de-DE"))
                    .isInstanceOfSatisfying(TemplateException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TemplateException.Kind.BAD_PARAMETER);
                        assertThat(e.param()).isEqualTo("amount");
                    });
        }
    }

    @Test
    void priceLayerFormatsItsSlotInTheScene() {
        Template t = TemplateJson.parse("""
                {"width": 100, "height": 50, "layers": [{"type": "text", "text": "{p}", "x": 0, "y": 0, "w": 100,
                 "h": 50, "size": 20, "format": "price", "currency": "EUR", "locale": "de-DE"}]}""".getBytes());
        Scene scene = SceneResolver.resolve(TemplateValidator.validate(t, 1 << 20), java.util.Map.of("p", "1299.5"), 2);
        Scene.Words words = (Scene.Words) scene.drawings().getFirst();
        assertThat(words.text()).isEqualTo("1.299,50" + NBSP + "€");
        assertThat(words.style().size()).isEqualTo(40);
        assertThat(words.box()).isEqualTo(new Scene.Box(0, 0, 200, 100));
    }
}
