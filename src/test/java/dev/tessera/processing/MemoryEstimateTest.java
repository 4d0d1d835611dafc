package dev.tessera.processing;

import dev.tessera.image.SourceImage;
import dev.tessera.image.ImageHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.image.ImageFormat;
import dev.tessera.options.Queries;
import dev.tessera.options.RenderOptions;
import dev.tessera.config.ConfigLoader;
import dev.tessera.testing.Corpus;
import dev.tessera.testing.MemoryBombs;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Estimates from the header against what decoding really takes (peak RSS growth of this process). */
class MemoryEstimateTest {
    private static final Limits LIMITS = new Limits(200_000_000L, 256, 50_000_000L, Duration.ofSeconds(60));

    @Test
    void anInterlaced16BitPngIsEstimatedAtOrAboveWhatItsCheckTakes() throws Exception {
        byte[] png = MemoryBombs.interlacedPng16(4000, 3000);
        ImageHeader header = ImageProbe.header(png, ImageFormat.PNG);
        assertThat(header.progressive()).isTrue();
        assertThat(header.bitDepth()).isEqualTo(16);
        assertThat(header.bands()).isEqualTo(3);
        long estimate = MemoryEstimate.uploadCheck(header);
        assertThat(estimate).isBetween(72L << 20, 120L << 20); // 12 MP x 6 bytes, plus a job's base
        assertThat(peakGrowthOfCheck(png, header)).isLessThanOrEqualTo(estimate);
    }

    @Test
    void aProgressiveJpegCostsItsCoefficientsWhateverTheOutputSize() throws Exception {
        byte[] jpeg = MemoryBombs.progressiveJpeg(4000, 3000);
        ImageHeader header = ImageProbe.header(jpeg, ImageFormat.JPEG);
        assertThat(header.progressive()).isTrue();
        long check = MemoryEstimate.uploadCheck(header);
        assertThat(peakGrowthOfCheck(jpeg, header)).isLessThanOrEqualTo(check);
        ImageHeader baseline = new ImageHeader(ImageFormat.JPEG, 4000, 3000, 1, false, 1);
        long thumbnail = MemoryEstimate.render(header, Renderer.layout(header, options("w=100&fm=jpeg")));
        assertThat(thumbnail).isGreaterThan(72L << 20);
        assertThat(MemoryEstimate.render(baseline, Renderer.layout(baseline, options("w=100&fm=jpeg"))))
                .isLessThan(32L << 20);
    }

    @Test
    void aProgressiveJpegsCoefficientsAreTwoBytesPerSampleOfEachComponent() {
        long pixels = 6000L * 4000;
        assertThat(MemoryEstimate.wholeImageDecode(progressive(3, 1))).isEqualTo(pixels * 6);
        assertThat(MemoryEstimate.wholeImageDecode(progressive(3, 2))).as("4:2:2").isEqualTo(pixels * 4);
        assertThat(MemoryEstimate.wholeImageDecode(progressive(3, 4))).as("4:2:0").isEqualTo(pixels * 3);
        assertThat(MemoryEstimate.wholeImageDecode(progressive(3, 0))).as("not known: 4:4:4").isEqualTo(pixels * 6);
        assertThat(MemoryEstimate.wholeImageDecode(progressive(1, 0))).as("grey").isEqualTo(pixels * 2);
        assertThat(MemoryEstimate.wholeImageDecode(progressive(4, 1))).as("CMYK").isEqualTo(pixels * 8);
    }

    private static ImageHeader progressive(int bands, int chroma) {
        return new ImageHeader(ImageFormat.JPEG, 6000, 4000, 1, false, 1, true, bands, 8, chroma);
    }

    @Test
    void outputFormatsCostWhatTheirEncodersHold() {
        ImageHeader photo = new ImageHeader(ImageFormat.JPEG, 8192, 4608, 1, false, 1);
        long avif = MemoryEstimate.render(photo, Renderer.layout(photo, options("fm=avif")));
        assertThat(avif).as("measured: 928 MB for one 8192x4608 AVIF").isBetween(900L << 20, 1000L << 20);
        assertThat(MemoryEstimate.render(photo, Renderer.layout(photo, options("fm=webp")))).isLessThan(avif / 2);
        assertThat(MemoryEstimate.render(photo, Renderer.layout(photo, options("fm=jpeg")))).isLessThan(64L << 20);
    }

    @ParameterizedTest(name = "{0}?{1}")
    @CsvSource({"edge/progressive-20mp.jpg, w=2000&fm=jpeg", "photos/seeding.jpg, w=2000&fm=jpeg",
            "photos/sunset.jpg, w=1500&fm=webp", "edge/rgb16.png, w=1500&fm=png",
            "photos/dragonfly.jpg, w=1500&fm=avif", "edge/alpha-rgba.png, w=1200&fm=webp",
            "edge/cmyk.jpg, w=1200&h=800&fit=cover&fm=jpeg"})
    void aRenderIsEstimatedAtOrAboveWhatItTakes(String file, String query) throws Exception {
        byte[] bytes = Files.readAllBytes(Corpus.dir().resolve(file));
        String extension = file.substring(file.lastIndexOf('.') + 1);
        ImageHeader header = ImageProbe.header(bytes, ImageFormat.fromParam(extension).orElseThrow());
        Renderer renderer = new Renderer(LIMITS);
        RenderOptions o = options(query);
        long estimate = MemoryEstimate.render(header, renderer.plan(header, o));
        renderer.render(new SourceImage.InMemory(bytes, header), o, new StageTimings()); // warm
        // the process's peak also counts other threads of the test JVM: the least of three renders is this render's
        long growth = Long.MAX_VALUE;
        for (int i = 0; i < 3 && growth > estimate; i++) {
            long before = MemoryBombs.residentBytes("VmRSS");
            MemoryBombs.resetPeakResident();
            renderer.render(new SourceImage.InMemory(bytes, header), o, new StageTimings());
            growth = Math.min(growth, MemoryBombs.residentBytes("VmHWM") - before);
        }
        assertThat(growth).isLessThanOrEqualTo(estimate);
    }

    @Test
    void theDefaultBudgetRunsOneFullDecodeOfA20MpProgressiveJpegAtATime() {
        ImageHeader header = new ImageHeader(ImageFormat.JPEG, 6028, 3391, 1, false, 1, true, 3, 8, 1); // 4:4:4
        long budget = ConfigLoader.load(null, Map.of()).render().effectiveMemoryBytes(); // any machine >= 640 MB
        long render = MemoryEstimate.render(header, Renderer.layout(header, options("w=2000&fm=jpeg")));
        assertThat(render).isLessThanOrEqualTo(budget).isGreaterThan(budget / 2);
        assertThat(MemoryEstimate.uploadCheck(header)).isLessThanOrEqualTo(budget);
        assertThat(MemoryEstimate.render(header, Renderer.layout(header, options("w=2000&fm=avif"))))
                .as("its AVIF at 2000 px: refused").isGreaterThan(budget);
        ImageHeader subsampled = new ImageHeader(ImageFormat.JPEG, 6028, 3391, 1, false, 1, true, 3, 8, 4); // 4:2:0
        assertThat(MemoryEstimate.render(subsampled, Renderer.layout(subsampled, options("w=2000&fm=avif"))))
                .as("the same photo at 4:2:0, AVIF at 2000 px").isLessThanOrEqualTo(budget);
    }

    private static RenderOptions options(String query) {
        return Queries.parse(query);
    }

    private static long peakGrowthOfCheck(byte[] bytes, ImageHeader header) throws Exception {
        ImageProbe.validate(new SourceImage.InMemory(bytes, header), LIMITS); // warm: the loader's code and arenas
        long before = MemoryBombs.residentBytes("VmRSS");
        MemoryBombs.resetPeakResident();
        ImageProbe.validate(new SourceImage.InMemory(bytes, header), LIMITS);
        return MemoryBombs.residentBytes("VmHWM") - before;
    }
}
