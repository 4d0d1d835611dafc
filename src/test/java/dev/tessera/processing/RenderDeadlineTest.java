package dev.tessera.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.options.ImageFormat;
import dev.tessera.options.OptionsParser;
import dev.tessera.options.RenderOptions;
import dev.tessera.testing.NativeMemory;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderDeadlineTest {

    @Test
    void aRenderOverItsDeadlineIsStoppedInsideLibvipsAndTheThreadIsFreed() throws Exception {
        byte[] jpeg;
        try (VipsImage noise = Vips.operation("gaussnoise").set("width", 3000).set("height", 2000).image()) {
            jpeg = Vips.operation("jpegsave_buffer").set("in", noise).blob("buffer");
        }
        SourceImage source = new SourceImage(jpeg, ImageProbe.header(jpeg, ImageFormat.JPEG));
        Renderer renderer = new Renderer(new Limits(100_000_000L, 256, 50_000_000L, Duration.ofMillis(300)));
        OptionsParser parser = new OptionsParser(Map.of());
        RenderOptions huge = parser.parse(Map.of("blur", List.of("100"), "fm", List.of("png")));
        long start = System.nanoTime();
        assertThatThrownBy(() -> renderer.render(source, huge, ImageFormat.PNG, new StageTimings()))
                .isInstanceOf(ImageException.class)
                .satisfies(e -> assertThat(((ImageException) e).reason()).isEqualTo(ImageException.Reason.RENDER_TIMEOUT));
        assertThat((System.nanoTime() - start) / 1e9).as("seconds until stopped").isLessThan(5);

        RenderOptions small = parser.parse(Map.of("w", List.of("100"), "fm", List.of("jpeg")));
        assertThat(renderer.render(source, small, ImageFormat.JPEG, new StageTimings()).width()).isEqualTo(100);
        assertThat(NativeMemory.settledTrackedBytes()).isZero();
    }
}
