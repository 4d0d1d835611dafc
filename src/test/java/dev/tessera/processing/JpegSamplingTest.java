package dev.tessera.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.image.ImageFormat;
import dev.tessera.image.ImageHeader;
import dev.tessera.image.SourceImage;
import dev.tessera.testing.Corpus;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chroma subsampling in a JPEG's header, read from its frame header (libvips tells 4:2:2 from 4:2:0 not). */
class JpegSamplingTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"photos/seeding.jpg, 4", "photos/ladybird.jpg, 4", "photos/dragonfly.jpg, 2", "photos/kleiber.jpg, 2",
            "edge/progressive-20mp.jpg, 1", "edge/grayscale.jpg, 1", "edge/cmyk.jpg, 1", "edge/exif-orient-6.jpg, 4"})
    void theHeaderRecordsHowManyPixelsShareAChromaSample(String file, int expected) throws Exception {
        ImageHeader header = ImageProbe.header(Corpus.dir().resolve(file), ImageFormat.JPEG);
        assertThat(header.chromaSubsampling()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Q {0}: {1}")
    @CsvSource({"75, 4", "95, 1"}) // libvips subsamples 4:2:0 below Q 90 and not from it up
    void whatLibvipsWroteIsReadBack(int quality, int expected) {
        try (VipsImage image = Vips.operation("black").set("width", 64).set("height", 48).set("bands", 3).image()) {
            byte[] jpeg = Vips.operation("jpegsave_buffer").set("in", image).set("Q", quality).blob("buffer");
            assertThat(ImageProbe.header(jpeg, ImageFormat.JPEG).chromaSubsampling()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "first {0} bytes")
    @CsvSource({"0", "1", "2", "40"})
    void aHeaderCutBeforeTheFrameIsNotKnown(int length) throws Exception {
        byte[] jpeg = Files.readAllBytes(Corpus.photo("seeding.jpg"));
        byte[] cut = Arrays.copyOf(jpeg, length);
        assertThat(JpegSampling.chromaSubsampling(new SourceImage.InMemory(cut, null))).isZero();
    }
}
