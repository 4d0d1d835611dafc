package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.server.Picture.Rgb;
import dev.tessera.testing.Corpus;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Colours survive encoding; CMYK, 16-bit and grey sources come out as 8-bit sRGB (or grey). */
class ColourTest extends ServerTest {

    @ParameterizedTest(name = "fm={0}")
    @ValueSource(strings = {"jpeg", "webp", "avif", "png", "gif"})
    void pureRedStaysRed(String fm) {
        String id = server.store(Images.solidPng(64, 64, Rgb.RED));
        Picture p = server.picture(id, "w=32&fm=" + fm).assertSize(32, 32);
        for (int[] xy : new int[][] {{16, 16}, {2, 2}, {29, 29}}) p.assertColour(xy[0], xy[1], Rgb.RED, 20);
    }

    @Test
    void p3TestImageHasNonSrgbPixels() {
        Picture raw = Picture.decode(Images.inDisplayP3(16, 16, Rgb.RED, "pngsave_buffer"));
        assertThat(raw.rgb(8, 8).distance(Rgb.RED)).as("P3 pixel values of sRGB red").isGreaterThan(15);
    }

    /** Converted to sRGB from the embedded profile, on the resize path and the crop path. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"pngsave_buffer | w=32&fm=png", "jpegsave_buffer | w=32&fm=jpeg",
            "pngsave_buffer | crop=0,0,32,32&fm=png", "jpegsave_buffer | w=32&fm=webp"})
    void embeddedProfileIsHonoured(String saver, String query) {
        String id = server.store(Images.inDisplayP3(64, 64, Rgb.RED, saver));
        Picture p = server.picture(id, query).assertColour(16, 16, Rgb.RED, 12);
        assertThat(p.hasIccProfile()).as("profile stripped").isFalse();
    }

    @Test
    void cmykBecomesThreeBandSrgb() {
        String id = server.store(Corpus.edge("cmyk.jpg"));
        Response r = server.render(id, "w=64");
        assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
        Picture p = Picture.decode(r.body());
        assertThat(p.bands()).isEqualTo(3);
        assertThat(p.interpretation()).isEqualTo("srgb");
        assertThat(p.hasIccProfile()).as("profile stripped").isFalse();
        Picture webp = server.picture(id, "w=64&fm=webp");
        assertThat(webp.hasIccProfile()).as("profile stripped from WebP").isFalse();
        assertThat(webp.meanDifference(p)).as("WebP and JPEG agree").isLessThan(8);
        Picture lossless = server.picture(id, "w=64&fm=png");
        assertThat(lossless.meanDifference(reference(Corpus.edge("cmyk.jpg"), p.width(), p.height())))
                .as("difference to libvips' own CMYK to sRGB conversion").isLessThan(4);
    }

    @Test
    void sixteenBitBecomesEightBit() {
        String id = server.store(Corpus.edge("rgb16.png"));
        Response r = server.render(id, "w=64");
        assertThat(r.header("Content-Type")).isEqualTo("image/png");
        assertThat(r.body()[24]).as("PNG IHDR bit depth").isEqualTo((byte) 8);
        Picture p = Picture.decode(r.body());
        assertThat(p.bandFormat()).isEqualTo("uchar");
        assertThat(p.meanDifference(reference(Corpus.edge("rgb16.png"), p.width(), p.height())))
                .as("difference to libvips' own 16 to 8 bit conversion").isLessThan(4);
    }

    @Test
    void greyscalePaddedWithAColourGetsTheColour() {
        String id = server.store(Corpus.edge("grayscale.jpg"));
        Picture p = server.picture(id, "w=100&h=100&fit=contain&bg=ff0000&fm=png");
        p.assertColour(50, 2, Rgb.RED, 0);
    }

    @Test
    void greyWithAlphaFlattenedOntoAColourGetsTheColour() {
        String id = server.store(Images.greyHalfTransparentPng());
        Picture p = server.picture(id, "fm=jpeg&bg=ff0000");
        p.assertColour(50, 50, Rgb.RED, 20);
    }

    @Test
    void greyscaleStaysGreyscale() {
        String id = server.store(Corpus.edge("grayscale.jpg"));
        Picture p = Picture.decode(server.render(id, "w=64").body());
        Rgb c = p.rgb(32, 20);
        assertThat(c.distance(new Rgb(c.r(), c.r(), c.r()))).as("grey pixel %s", c).isLessThanOrEqualTo(2);
    }

    /** The file shrunk to w x h and converted to 8-bit sRGB by libvips directly (no Tessera code). */
    private static Picture reference(Path file, int w, int h) {
        try (VipsImage loaded = Vips.operation("thumbnail").set("filename", file.toString()).set("width", w)
                .set("height", h).set("size", "force").image();
             VipsImage srgb = Vips.operation("colourspace").set("in", loaded).set("space", "srgb").image();
             VipsImage narrow = Vips.operation("cast").set("in", srgb).set("format", "uchar").image()) {
            return Picture.decode(Images.png(narrow));
        }
    }
}
