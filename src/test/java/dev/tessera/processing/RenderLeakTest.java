package dev.tessera.processing;

import dev.tessera.image.SourceImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.image.ImageFormat;
import dev.tessera.options.OptionsParser;
import dev.tessera.options.RenderOptions;
import dev.tessera.testing.NativeMemory;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Many renders must not grow native memory: libvips' tracked memory returns to zero and RSS stays flat. */
class RenderLeakTest {

    @Test
    void rssStaysFlatOverManyRenders() throws Exception {
        byte[] jpeg;
        try (VipsImage noise = Vips.operation("gaussnoise").set("width", 1200).set("height", 900).image();
             VipsImage rgb = Vips.operation("bandjoin").set("in", new VipsImage[] {noise, noise, noise}).image()) {
            jpeg = Vips.operation("jpegsave_buffer").set("in", rgb).set("Q", 85).blob("buffer");
        }
        SourceImage source = new SourceImage.InMemory(jpeg, ImageProbe.header(jpeg, ImageFormat.JPEG));
        Renderer renderer = new Renderer(Limits.DEFAULTS);
        OptionsParser parser = new OptionsParser(Map.of());
        List<RenderOptions> variants = List.of(
                parser.parse(Map.of("w", List.of("200"), "fm", List.of("jpeg"))),
                parser.parse(Map.of("w", List.of("150"), "h", List.of("150"), "g", List.of("smart"), "fm", List.of("webp"))),
                parser.parse(Map.of("w", List.of("120"), "h", List.of("200"), "fit", List.of("contain"), "fm", List.of("png"),
                        "rot", List.of("90"), "blur", List.of("1"))));
        int warmup = 300, measured = 1500;
        for (int i = 0; i < warmup; i++) render(renderer, source, variants.get(i % 3));
        System.gc();
        long before = rssKb();
        for (int i = 0; i < measured; i++) render(renderer, source, variants.get(i % 3));
        System.gc();
        long grownMb = (rssKb() - before) / 1024;
        assertThat(NativeMemory.settledTrackedBytes()).as("bytes libvips still holds").isZero();
        assertThat(grownMb).as("RSS growth over %d renders, MB", measured).isLessThan(64);
    }

    private static void render(Renderer renderer, SourceImage source, RenderOptions o) {
        assertThat(renderer.render(source, o, new StageTimings()).body()).isNotEmpty();
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new IllegalStateException("no VmRSS");
    }
}
