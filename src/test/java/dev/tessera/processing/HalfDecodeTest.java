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
import java.time.Duration;
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

    /** 4:2:0 (4 pixels a chroma sample) when its half decode is faithful in every band, else 4:4:4. */
    @Test
    void aMezzaninesChromaIsSubsampledOnlyWhenItsHalfDecodeIsFaithfulInEveryBand() throws Exception {
        assertThat(chroma(sunset)).as("sunset.jpg's mezzanine").isEqualTo(4);
        assertThat(chroma(mezzanineOf(EdgeImages.smallText(4000, 3000), 2000))).as("small text's").isEqualTo(1);
        byte[] coloured = mezzanineOf(EdgeImages.smallColouredText(4000, 3000), 2000);
        assertThat(chroma(coloured)).as("small coloured text's").isEqualTo(1);
        assertThat(HalfDecode.marked(coloured)).as("small coloured text's, flat on green").isFalse();
    }

    private static int chroma(byte[] jpeg) {
        return ImageProbe.header(jpeg, ImageFormat.JPEG).chromaSubsampling();
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

    @Test
    void aNewMezzaninesFaithfulHalfIsKeptAndRendersTheSameBytesAsADecode() throws Exception {
        try (DecodedFrames frames = new DecodedFrames(64L << 20, Duration.ofMinutes(1))) {
            Renderer keeping = RENDERER.keeping(frames);
            SourceImage original = source(Files.readAllBytes(Corpus.photo("sunset.jpg")));
            RenderPlan m = RENDERER.plan(original.header(), Queries.parse("w=2136&h=2136&fit=inside&fm=jpeg&q=92"));
            byte[] mezzanine = keeping.forMezzanines(10).renderMezzanine(original, m, new StageTimings(), "sunset",
                    "sunset-mezzanine").body();
            assertThat(mezzanine).as("the same bytes as a mezzanine made without keeping").isEqualTo(sunset);
            assertThat(frames.bytesKept()).as("its decode shrunk by 2").isEqualTo(1068L * 712 * 3);
            for (String query : new String[] {"w=600&fm=jpeg&q=80", "w=1068&h=712&fit=fill&fm=png", "w=400&fm=webp"}) {
                RenderPlan plan = RENDERER.plan(source(mezzanine).header(), Queries.parse(query));
                long reused = frames.reused();
                byte[] fromKept = keeping.render(source(mezzanine), plan, new StageTimings(), "sunset-mezzanine", true)
                        .body();
                assertThat(frames.reused()).as(query + ": the kept half was read").isEqualTo(reused + 1);
                assertThat(fromKept).as(query + ": the bytes of a fresh decode")
                        .isEqualTo(RENDERER.render(source(mezzanine), plan, new StageTimings(), null, true).body());
            }
        }
    }

    @Test
    void anUnmarkedMezzanineKeepsNothing() {
        try (DecodedFrames frames = new DecodedFrames(64L << 20, Duration.ofMinutes(1))) {
            SourceImage text = source(EdgeImages.smallText(4000, 3000));
            RenderPlan m = RENDERER.plan(text.header(), Queries.parse("w=2000&h=2000&fit=inside&fm=jpeg&q=92"));
            byte[] mezzanine = RENDERER.keeping(frames).forMezzanines(10).renderMezzanine(text, m, new StageTimings(),
                    "text", "text-mezzanine").body();
            assertThat(HalfDecode.marked(mezzanine)).isFalse();
            assertThat(frames.bytesKept()).isZero();
        }
    }

    private static double maxDifference(VipsImage a, VipsImage b) {
        try (VipsImage diff = Vips.operation("subtract").set("left", a).set("right", b).image();
             VipsImage abs = Vips.operation("abs").set("in", diff).image()) {
            return Vips.operation("max").set("in", abs).doubleValue("out");
        }
    }
}
