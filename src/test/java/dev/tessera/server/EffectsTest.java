package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.image.ImageFormat;
import dev.tessera.server.Picture.Rgb;
import dev.tessera.testing.Corpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** blur, sharpen, and bg when alpha is flattened. */
class EffectsTest extends ServerTest {
    static String quadrants;
    static String photo;
    static String transparent;

    @BeforeAll
    static void prepare() {
        quadrants = server.store(Images.quadrantsPng());
        photo = server.store(Corpus.photo("ladybird.jpg"));
        transparent = server.store(Images.halfTransparentPng());
    }

    @Test
    void blurMixesColoursAcrossEdges() {
        Picture sharp = server.picture(quadrants, "fm=png");
        Picture blurred = server.picture(quadrants, "fm=png&blur=5").assertSize(200, 100);
        assertThat(sharp.rgb(99, 25)).isEqualTo(Rgb.RED);
        Rgb edge = blurred.rgb(99, 25);
        assertThat(edge.r()).as("red at the red/green edge: %s", edge).isBetween(60, 200);
        assertThat(edge.g()).as("green at the red/green edge: %s", edge).isBetween(60, 200);
        blurred.assertColour(50, 25, Rgb.RED, 10); // far from edges
    }

    @Test
    void blurAndSharpenChangeAPhoto() {
        Response plain = server.render(photo, "w=200");
        Response blurred = server.render(photo, "w=200&blur=2");
        Response sharpened = server.render(photo, "w=200&sharpen=2");
        Picture p = Picture.decode(plain.body());
        assertThat(p.meanDifference(Picture.decode(blurred.body()))).as("blur").isGreaterThan(1);
        assertThat(p.meanDifference(Picture.decode(sharpened.body()))).as("sharpen").isGreaterThan(0.5);
        // blurring loses detail, so the JPEG gets smaller; sharpening adds detail
        assertThat(blurred.body().length).isLessThan(plain.body().length);
        assertThat(sharpened.body().length).isGreaterThan(plain.body().length);
    }

    @Test
    void alphaIsFlattenedOntoBgForJpeg() {
        Picture p = server.picture(transparent, "fm=jpeg&bg=0000ff");
        assertThat(p.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(p.bands()).isEqualTo(3);
        p.assertColour(50, 50, Rgb.BLUE, 20).assertColour(150, 50, Rgb.RED, 20);
    }

    @Test
    void alphaIsFlattenedOntoWhiteByDefault() {
        server.picture(transparent, "fm=jpeg").assertColour(50, 50, Rgb.WHITE, 20).assertColour(150, 50, Rgb.RED, 20);
    }

    @Test
    void alphaIsKeptWhereTheFormatHasIt() {
        for (String fm : new String[] {"png", "webp"}) {
            Picture p = server.picture(transparent, "w=100&fm=" + fm);
            assertThat(p.bands()).as(fm).isEqualTo(4);
            assertThat(p.at(20, 20)[3]).as(fm + " alpha of the clear half").isZero();
            assertThat(p.at(80, 20)[3]).as(fm + " alpha of the red half").isEqualTo(255);
        }
    }

    @Test
    void alphaSourceDefaultsToPngAndResizedKeepsAlpha() {
        Response r = server.render(transparent, "w=100");
        assertThat(r.header("Content-Type")).isEqualTo("image/png");
        assertThat(Picture.decode(r.body()).bands()).isEqualTo(4);
    }
}
