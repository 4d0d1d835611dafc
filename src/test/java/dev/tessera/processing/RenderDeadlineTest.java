package dev.tessera.processing;

import dev.tessera.image.ImageException;
import dev.tessera.image.SourceImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tessera.image.ImageFormat;
import dev.tessera.options.Queries;
import dev.tessera.options.RenderOptions;
import dev.tessera.testing.NativeMemory;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RenderDeadlineTest {
    /** What a render may run past its deadline: one capped frame's encode (~1 s CPU), plus room for a shared CI core. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    private static SourceImage noise(int width, int height) {
        byte[] jpeg;
        try (VipsImage grey = Vips.operation("gaussnoise").set("width", width).set("height", height).image();
             VipsImage rgb = Vips.operation("bandjoin").set("in", new VipsImage[] {grey, grey, grey}).image()) {
            jpeg = Vips.operation("jpegsave_buffer").set("in", rgb).blob("buffer");
        }
        return new SourceImage.InMemory(jpeg, ImageProbe.header(jpeg, ImageFormat.JPEG));
    }

    private static Renderer renderer(Duration timeout, double costScale) {
        return new Renderer(new Limits(100_000_000L, 256, 50_000_000L, timeout, costScale));
    }

    @Test
    void aRenderOverItsDeadlineIsStoppedInsideLibvipsAndTheThreadIsFreed() throws Exception {
        SourceImage source = noise(3000, 2000);
        Renderer unpredicted = renderer(Duration.ofMillis(300), 0); // no cost model: the kill itself must stop it
        RenderOptions heavy = Queries.parse("blur=30&fm=png");
        assertThatThrownBy(() -> unpredicted.render(source, heavy, new StageTimings()))
                .isInstanceOfSatisfying(ImageException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImageException.Reason.RENDER_TIMEOUT));

        RenderOptions small = Queries.parse("w=100&fm=jpeg");
        assertThat(unpredicted.render(source, small, new StageTimings()).width()).isEqualTo(100);
        assertThat(NativeMemory.settledTrackedBytes()).isZero();
    }

    @Test
    void anEncoderBoundRenderThatCannotFitIsRefusedBeforeDecoding() {
        SourceImage source = noise(2000, 2000);
        StageTimings timings = new StageTimings();
        ImageException e = catchThrowableOfType(ImageException.class, () -> renderer(Duration.ofMillis(500), 1)
                .render(source, Queries.parse("fm=avif"), timings));
        assertThat(e.reason()).isEqualTo(ImageException.Reason.RENDER_TOO_COSTLY);
        assertThat(e.getMessage()).contains("the limit is 500 ms");
        assertThat(timings.millis()).as("stages run").doesNotContainKey("decode");
    }

    @Test
    void anEncoderBoundRenderEndsByItsDeadlinePlusTheSlack() throws Exception {
        SourceImage source = noise(2000, 2000);
        Duration deadline = Duration.ofSeconds(1);
        long start = System.nanoTime();
        ImageException e = catchThrowableOfType(ImageException.class, () -> renderer(deadline, 1)
                .render(source, Queries.parse("fm=avif"), new StageTimings()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (e != null) assertThat(e.reason()).isEqualTo(ImageException.Reason.RENDER_TIMEOUT);
        assertThat(took).as("render time").isLessThan(deadline.plus(SLACK));
        assertThat(NativeMemory.settledTrackedBytes()).isZero();
    }
}
