package dev.tessera.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.image.ImageFormat;
import dev.tessera.image.SourceImage;
import dev.tessera.options.Queries;
import dev.tessera.testing.Corpus;
import dev.tessera.testing.EdgeImages;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mezzanine's mark: measured when it is made, read from its bytes, and what it changes in a render from it. */
class HalfDecodeTest {
    private static final Renderer RENDERER = new Renderer(Limits.DEFAULTS);
    private static final Renderer MEZZANINES = RENDERER.forMezzanines(10);
    private static byte[] sunset;

    @BeforeAll
    static void mezzanine() throws Exception {
        Vips.init();
        sunset = mezzanineOf(Files.readAllBytes(Corpus.photo("sunset.jpg")), 2136);
    }

    private static byte[] mezzanineOf(byte[] original, int edge) {
        return MEZZANINES.render(source(original), Queries.parse("w=" + edge + "&h=" + edge + "&fit=inside&fm=jpeg&q=92"),
                new StageTimings()).body();
    }

    private static SourceImage source(byte[] jpeg) {
        return new SourceImage.InMemory(jpeg, ImageProbe.header(jpeg, ImageFormat.JPEG));
    }

    @Test
    void aPhotosMezzanineIsMarkedOneDetailedToThePixelIsNot() throws Exception {
        assertThat(HalfDecode.marked(sunset)).as("sunset.jpg's mezzanine").isTrue();
        assertThat(HalfDecode.marked(mezzanineOf(Files.readAllBytes(Corpus.photo("wine.jpg")), 1918)))
                .as("wine.jpg's mezzanine").isTrue();
        assertThat(HalfDecode.marked(mezzanineOf(EdgeImages.smallText(4000, 3000), 2000))).as("small text's").isFalse();
    }

    @Test
    void theMarkLeavesThePixelsAsTheyWere() {
        byte[] unmarked = new byte[sunset.length - 4 - "tessera: half decode faithful".length()];
        unmarked[0] = sunset[0];
        unmarked[1] = sunset[1];
        System.arraycopy(sunset, sunset.length - (unmarked.length - 2), unmarked, 2, unmarked.length - 2);
        assertThat(HalfDecode.marked(unmarked)).isFalse();
        try (VipsImage a = Vips.operation("jpegload_buffer").set("buffer", sunset).image();
             VipsImage b = Vips.operation("jpegload_buffer").set("buffer", unmarked).image();
             VipsImage diff = Vips.operation("subtract").set("left", a).set("right", b).image();
             VipsImage abs = Vips.operation("abs").set("in", diff).image()) {
            assertThat(Vips.operation("max").set("in", abs).doubleValue("out")).isZero();
        }
    }

    @Test
    void onlyTheMarkItselfCounts() {
        byte[] comment = "tessera: half decode faithfuL".getBytes(StandardCharsets.US_ASCII);
        byte[] other = sunset.clone();
        System.arraycopy(comment, 0, other, 6, comment.length);
        assertThat(HalfDecode.marked(other)).as("another comment").isFalse();
        assertThat(HalfDecode.marked(new byte[] {(byte) 0xff, (byte) 0xd8})).as("two bytes").isFalse();
        assertThat(HalfDecode.marked(new byte[64])).as("zeros").isFalse();
    }

    @Test
    void aRenderFromAMarkedMezzanineDecodesItShrunkBy2() {
        RenderPlan plan = RENDERER.plan(source(sunset).header(), Queries.parse("w=1068&h=712&fit=fill&fm=png"));
        byte[] faithful = RENDERER.render(source(sunset), plan, new StageTimings(), null, true).body();
        byte[] usual = RENDERER.render(source(sunset), plan, new StageTimings(), null, false).body();
        try (VipsImage half = Vips.operation("jpegload_buffer").set("buffer", sunset).set("shrink", 2).image();
             VipsImage f = Vips.operation("pngload_buffer").set("buffer", faithful).image();
             VipsImage u = Vips.operation("pngload_buffer").set("buffer", usual).image()) {
            assertThat(maxDifference(f, half)).as("the half decode itself, no resize left").isZero();
            assertThat(maxDifference(u, half)).as("the usual render: full decode, lanczos3").isPositive();
        }
    }

    private static double maxDifference(VipsImage a, VipsImage b) {
        try (VipsImage diff = Vips.operation("subtract").set("left", a).set("right", b).image();
             VipsImage abs = Vips.operation("abs").set("in", diff).image()) {
            return Vips.operation("max").set("in", abs).doubleValue("out");
        }
    }
}
