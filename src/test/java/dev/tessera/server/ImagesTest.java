package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.image.ImageFormat;
import dev.tessera.server.Picture.Rgb;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import org.junit.jupiter.api.Test;

/** The generated test images are what the other tests assume they are. */
class ImagesTest {

    @Test
    void quadrantsHaveTheirColoursInTheirCorners() {
        Picture p = Picture.decode(Images.quadrantsPng());
        assertThat(p.format()).isEqualTo(ImageFormat.PNG);
        p.assertSize(200, 100).assertColour(0, 0, Rgb.RED, 0).assertColour(199, 0, Rgb.GREEN, 0)
                .assertColour(0, 99, Rgb.BLUE, 0).assertColour(199, 99, Rgb.WHITE, 0);
        Picture.decode(Images.quadrantsJpeg()).assertColour(50, 25, Rgb.RED, 10).assertColour(150, 75, Rgb.WHITE, 10);
    }

    @Test
    void libvipsWritesTheOrientationTag() {
        try (VipsImage loaded = Vips.operation("jpegload_buffer").set("buffer", Images.quadrantsJpeg(6)).image()) {
            assertThat(loaded.intField("orientation")).hasValue(6);
            assertThat(loaded.width()).isEqualTo(200); // stored sideways
        }
        assertThat(Picture.decode(Images.quadrantsJpeg(6)).hasOrientationTag()).isTrue();
        assertThat(Picture.decode(Images.quadrantsJpeg()).hasOrientationTag()).isFalse();
    }

    @Test
    void p3ImageCarriesItsProfile() {
        assertThat(Picture.decode(Images.inDisplayP3(8, 8, Rgb.RED, "pngsave_buffer")).hasIccProfile()).isTrue();
        assertThat(Picture.decode(Images.quadrantsPng()).hasIccProfile()).isFalse();
    }

    @Test
    void halfTransparentPngHasAlpha() {
        Picture p = Picture.decode(Images.halfTransparentPng());
        assertThat(p.bands()).isEqualTo(4);
        assertThat(p.at(10, 10)[3]).isZero();
        assertThat(p.at(150, 10)).containsExactly(255, 0, 0, 255);
    }

    @Test
    void animatedGifHasItsFrames() {
        Picture p = Picture.decode(Images.animatedGif(10));
        assertThat(p.format()).isEqualTo(ImageFormat.GIF);
        assertThat(p.pages()).isEqualTo(10);
        p.assertSize(40, 30);
        assertThat(p.at(0, 5, 5)[0]).isLessThan(10);
        assertThat(p.at(9, 5, 5)[0]).isGreaterThan(245);
    }
}
