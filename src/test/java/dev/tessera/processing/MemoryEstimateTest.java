package dev.tessera.processing;

import dev.tessera.image.SourceImage;
import dev.tessera.image.ImageHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.image.ImageFormat;
import dev.tessera.options.Queries;
import dev.tessera.options.RenderOptions;
import dev.tessera.testing.MemoryBombs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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
    void outputFormatsCostWhatTheirEncodersHold() {
        ImageHeader photo = new ImageHeader(ImageFormat.JPEG, 8192, 4608, 1, false, 1);
        long avif = MemoryEstimate.render(photo, Renderer.layout(photo, options("fm=avif")));
        assertThat(avif).as("measured: 928 MB for one 8192x4608 AVIF").isBetween(900L << 20, 1000L << 20);
        assertThat(MemoryEstimate.render(photo, Renderer.layout(photo, options("fm=webp")))).isLessThan(avif / 2);
        assertThat(MemoryEstimate.render(photo, Renderer.layout(photo, options("fm=jpeg")))).isLessThan(64L << 20);
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
