package dev.tessera.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.image.ImageFormat;
import dev.tessera.image.SourceImage;
import dev.tessera.options.OptionsParser;
import dev.tessera.options.RenderOptions;
import dev.tessera.testing.NativeMemory;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decoded frames kept between renders of one source: the same bytes as a fresh decode, bounded, dropped when idle. */
class DecodedFramesTest {
    private static final OptionsParser PARSER = new OptionsParser(Map.of());
    private static final int WIDTH = 2000, HEIGHT = 1300;
    private static SourceImage mezzanineLike;

    @BeforeAll
    static void image() {
        Vips.init();
        byte[] jpeg;
        try (VipsImage noise = Vips.operation("gaussnoise").set("width", WIDTH).set("height", HEIGHT).image();
             VipsImage rgb = Vips.operation("bandjoin").set("in", new VipsImage[] {noise, noise, noise}).image()) {
            jpeg = Vips.operation("jpegsave_buffer").set("in", rgb).set("Q", 92).blob("buffer");
        }
        mezzanineLike = new SourceImage.InMemory(jpeg, ImageProbe.header(jpeg, ImageFormat.JPEG));
    }

    private static byte[] render(Renderer renderer, int width, String sourceName) {
        RenderOptions options = PARSER.parse(Map.of("w", List.of(String.valueOf(width)), "fm", List.of("jpeg")));
        return renderer.render(mezzanineLike, renderer.plan(mezzanineLike.header(), options), new StageTimings(),
                sourceName).body();
    }

    @Test
    void aKeptFrameGivesTheBytesOfAFreshDecodeAtEachShrink() throws Exception {
        try (DecodedFrames frames = new DecodedFrames(64L << 20, Duration.ofMinutes(1))) {
            Renderer keeping = new Renderer(Limits.DEFAULTS).keeping(frames);
            Renderer plain = new Renderer(Limits.DEFAULTS);
            // shrink 1 three times (streamed, kept, reused), then shrink 2 three times
            for (int width : new int[] {600, 650, 700, 300, 325, 350}) {
                assertThat(render(keeping, width, "m")).as("w=%d", width).isEqualTo(render(plain, width, null));
            }
            assertThat(frames.reused()).isEqualTo(2);
            assertThat(frames.bytesKept()).isEqualTo(3L * WIDTH * HEIGHT + 3L * (WIDTH / 2) * (HEIGHT / 2));
            render(keeping, 600, "other"); // another name: decoded again
            render(keeping, 600, "other");
            assertThat(frames.reused()).isEqualTo(2);
        }
        assertThat(NativeMemory.settledTrackedBytes()).as("pixels still held once closed").isZero();
    }

    @Test
    void aFrameOverTheBoundIsNotKeptAndAnIdleOneIsDropped() throws Exception {
        DecodedFrames small = new DecodedFrames(3L * WIDTH * HEIGHT - 1, Duration.ofMinutes(1));
        Renderer tight = new Renderer(Limits.DEFAULTS).keeping(small);
        for (int width : new int[] {600, 650, 700}) render(tight, width, "m");
        assertThat(small.reused()).isZero();
        assertThat(small.bytesKept()).isZero();

        AtomicLong now = new AtomicLong();
        DecodedFrames idle = new DecodedFrames(64L << 20, Duration.ofSeconds(1), now::get);
        Renderer keeping = new Renderer(Limits.DEFAULTS).keeping(idle);
        render(keeping, 600, "m");
        assertThat(idle.bytesKept()).as("the first decode is streamed, not kept").isZero();
        render(keeping, 650, "m");
        assertThat(idle.bytesKept()).isEqualTo(3L * WIDTH * HEIGHT);
        now.addAndGet(Duration.ofMillis(1500).toNanos());
        assertThat(idle.bytesKept()).isZero();
        assertThat(NativeMemory.settledTrackedBytes()).as("pixels of the dropped frame").isZero();
        render(keeping, 700, "m"); // streamed again: dropped and forgotten
        render(keeping, 750, "m");
        assertThat(idle.reused()).isZero();
        idle.close();
    }

    /** An upload check's decode, handed over for its mezzanine, is not pushed out by kept frames read more often. */
    @Test
    void keptFramesNeverPushOutADecodeHandedOver() throws Exception {
        long frame = 3L * 1000 * 1000;
        try (DecodedFrames frames = new DecodedFrames(2 * frame, Duration.ofMinutes(1))) {
            for (String name : List.of("half-a", "half-b")) {
                try (VipsImage pixels = pixels(1000, 1000)) {
                    frames.keep(DecodedFrames.key(name, 2), pixels);
                }
                for (int read = 0; read < 5; read++) frames.frame(DecodedFrames.key(name, 2), () -> null).close();
            }
            try (VipsImage check = pixels(1000, 1000)) {
                frames.handOver(DecodedFrames.key("original", 2), check);
            }
            try (VipsImage taken = frames.take(DecodedFrames.key("original", 2))) {
                assertThat(taken).as("the handed-over decode").isNotNull();
            }
            assertThat(frames.take(DecodedFrames.key("original", 2))).as("taken once").isNull();
            assertThat(frames.bytesKept()).as("both kept frames").isEqualTo(2 * frame);
        }
        assertThat(NativeMemory.settledTrackedBytes()).as("pixels still held once closed").isZero();
    }

    private static VipsImage pixels(int width, int height) {
        try (VipsImage black = Vips.operation("black").set("width", width).set("height", height).set("bands", 3)
                .image();
             VipsImage uchar = Vips.operation("cast").set("in", black).set("format", "uchar").image()) {
            return uchar.copyMemory();
        }
    }

    @Test
    void aRendererThatKeepsNothingRendersANamedSourceAsAnyOther() {
        byte[] named = render(new Renderer(Limits.DEFAULTS), 600, "m");
        assertThat(named).isEqualTo(render(new Renderer(Limits.DEFAULTS).keeping(DecodedFrames.NONE), 600, "m"));
        assertThat(DecodedFrames.NONE.bytesKept()).isZero();
    }
}
