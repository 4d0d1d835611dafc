package dev.tessera.processing;

import dev.tessera.image.ImageException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.image.ImageFormat;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncoderTest {

    @Test
    void anAvifTheEncoderBotchesIsAnErrorNotABody() {
        // heifsave reports success for 16385 px and more, but libheif refuses to decode the result
        try (VipsImage wide = Vips.operation("black").set("width", 16_385).set("height", 1).set("bands", 3).image()) {
            assertThatThrownBy(() -> Encoder.encode(wide, ImageFormat.AVIF, null, false))
                    .isInstanceOfSatisfying(ImageException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ImageException.Reason.ENCODE_FAILED);
                        assertThat(e.param()).isEqualTo("fm");
                    });
        }
    }

    @ParameterizedTest(name = "{0} {1}x{2} is an encoder failure, not an undecodable source")
    @CsvSource({"WEBP,16384,1", "GIF,65536,1", "JPEG,65501,1"})
    void encoderLimitsAreEncodeFailures(ImageFormat format, int width, int height) {
        try (VipsImage big = Vips.operation("black").set("width", width).set("height", height).set("bands", 3).image()) {
            assertThatThrownBy(() -> Encoder.encode(big, format, null, false))
                    .isInstanceOfSatisfying(ImageException.class,
                            e -> assertThat(e.reason()).isEqualTo(ImageException.Reason.ENCODE_FAILED));
        }
    }

    @ParameterizedTest(name = "{0} output decodes at its size")
    @CsvSource({"JPEG", "PNG", "WEBP", "GIF", "AVIF"})
    void everyOutputIsReadBack(ImageFormat format) {
        try (VipsImage small = Vips.operation("black").set("width", 40).set("height", 30).set("bands", 3).image()) {
            byte[] body = Encoder.encode(small, format, null, false);
            assertThat(ImageProbe.header(body, format).width()).isEqualTo(40);
        }
    }

    @Test
    void jpegHuffmanTablesAreOptimisedSamePixelsFewerBytes() {
        try (VipsImage grey = Vips.operation("gaussnoise").set("width", 320).set("height", 240).image();
             VipsImage rgb = Vips.operation("bandjoin").set("in", new VipsImage[] {grey, grey, grey}).image();
             VipsImage pixels = Vips.operation("cast").set("in", rgb).set("format", "uchar").image()) {
            byte[] ours = Encoder.encode(pixels, ImageFormat.JPEG, 80, false);
            byte[] plain = Vips.operation("jpegsave_buffer").set("in", pixels).set("Q", 80).set("strip", true)
                    .blob("buffer");
            assertThat(ours.length).as("bytes with optimised tables").isLessThan(plain.length);
            assertThat(decodedJpeg(ours)).as("decoded pixels").isEqualTo(decodedJpeg(plain));
        }
    }

    private static byte[] decodedJpeg(byte[] jpeg) {
        try (VipsImage image = Vips.operation("jpegload_buffer").set("buffer", jpeg).image()) {
            return image.toBytes();
        }
    }

    @Test
    void largeFramesGetTheCheaperEffort() {
        assertThat(EncoderSettings.of(ImageFormat.AVIF, 500_000).effort()).isEqualTo(2);
        assertThat(EncoderSettings.of(ImageFormat.AVIF, 4_000_000).effort()).isZero();
        assertThat(EncoderSettings.of(ImageFormat.WEBP, 8_000_000).effort()).isZero();
        assertThat(EncoderSettings.of(ImageFormat.GIF, 3_000_000).effort()).isEqualTo(1);
    }
}
