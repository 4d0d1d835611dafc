package dev.tessera.processing;

import dev.tessera.image.ImageException;
import dev.tessera.image.ImageHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tessera.image.ImageFormat;
import dev.tessera.options.Queries;
import dev.tessera.options.RenderOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The up-front checks: pure functions of header, options and output format, each refusal naming its limit. */
class OutputLimitsTest {
    private static final Renderer RENDERER = new Renderer(Limits.DEFAULTS);

    private static ImageException refusal(int width, int height, String query, ImageFormat output) {
        return catchThrowableOfType(ImageException.class, () -> RENDERER.plan(
                new ImageHeader(ImageFormat.PNG, width, height, 1, false, 1), Queries.parse(query).withFormat(output)));
    }

    @ParameterizedTest(name = "{0}x{1} ?{2} as {3}: {4} naming {5} and {6}")
    @CsvSource(delimiter = ';', value = {
        "100000;1;'';AVIF;OUTPUT_TOO_LARGE;fm;16384",
        "1;100000;'';AVIF;OUTPUT_TOO_LARGE;fm;16384",
        "100000;1;'';WEBP;OUTPUT_TOO_LARGE;fm;16383",
        "100000;1;'';GIF;OUTPUT_TOO_LARGE;fm;65535",
        "100000;1;'';JPEG;OUTPUT_TOO_LARGE;fm;65500",
        "4000;100;w=8192&dpr=2&enlarge=1;WEBP;OUTPUT_TOO_LARGE;w;16383",
        "4000;3000;w=3000;GIF;OUTPUT_TOO_LARGE;w;4000000 pixels per frame",
        "4000;3000;w=4000;AVIF;OUTPUT_TOO_LARGE;w;8000000 pixels per frame",
        "100000;1;h=8192&dpr=4&enlarge=1;PNG;OUTPUT_TOO_LARGE;h;1000000 px",
        "4000;3000;blur=100;JPEG;RENDER_TOO_COSTLY;blur;blur sigma x output megapixels",
        "10000;5000;w=8192&h=4000&fit=fill&blur=6;PNG;RENDER_TOO_COSTLY;w;the limit is 10000 ms",
    })
    void refusesUpFrontNamingTheLimit(int w, int h, String query, ImageFormat output, ImageException.Reason reason,
                                      String param, String limit) {
        ImageException e = refusal(w, h, query, output);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.param()).isEqualTo(param);
        assertThat(e.getMessage()).contains(limit);
    }

    @ParameterizedTest(name = "{0}x{1} ?{2} as {3} is allowed")
    @CsvSource(delimiter = ';', value = {
        "100000;1;'';PNG", "16384;1;'';AVIF", "16383;1;'';WEBP", "65500;1;'';JPEG", "65535;1;'';GIF",
        "6000;4000;'';JPEG", "4000;3000;w=2000;GIF", "4000;3000;w=3000;AVIF", "4000;3000;w=2000&blur=20;WEBP",
    })
    void allowsWhatFits(int w, int h, String query, ImageFormat output) {
        assertThat(refusal(w, h, query, output)).isNull();
    }

    @Test
    void thePredictedCostScalesWithTheDeadline() {
        ImageHeader noise = new ImageHeader(ImageFormat.JPEG, 2000, 2000, 1, false, 1);
        RenderOptions avif = Queries.parse("fm=avif");
        new Renderer(Limits.DEFAULTS).plan(noise, avif);
        Renderer oneSecond = new Renderer(new Limits(100_000_000L, 256, 50_000_000L, Duration.ofMillis(500)));
        assertThatThrownBy(() -> oneSecond.plan(noise, avif))
                .isInstanceOfSatisfying(ImageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ImageException.Reason.RENDER_TOO_COSTLY);
                    assertThat(e.getMessage()).contains("the limit is 500 ms");
                });
    }
}
