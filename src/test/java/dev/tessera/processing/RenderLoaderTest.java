package dev.tessera.processing;

import dev.tessera.image.ImageException;
import dev.tessera.image.Rendition;
import dev.tessera.image.SourceImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.tessera.options.Crop;
import dev.tessera.image.ImageFormat;
import dev.tessera.options.Queries;
import dev.tessera.testing.TiledTiff;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsException;
import dev.tessera.vips.VipsImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Renders decode through the loader the upload was validated with, never one libvips picks from the bytes. */
class RenderLoaderTest {

    @Test
    void aSlideTaggedTiffRendersThroughTiffload(@TempDir Path dir) throws Exception {
        Path slide = dir.resolve("slide.tif");
        Files.write(slide, TiledTiff.rgb(16, 16, TiledTiff.APERIO));
        SourceImage source = new SourceImage.OnDisk(slide, ImageProbe.header(slide, ImageFormat.TIFF));
        Rendition r = new Renderer(Limits.DEFAULTS).render(source, Queries.parse("w=8&fm=png"),
                new StageTimings());
        assertThat(r.width()).isEqualTo(8);
        try (VipsImage out = Vips.operation("pngload_buffer").set("buffer", r.body()).image()) {
            assertThat(out.bands()).as("bands (OpenSlide gives RGBA)").isEqualTo(3);
            assertThat(Vips.operation("avg").set("in", out).doubleValue("out")).isCloseTo(93.3, offset(1.0));
        }
    }

    @Test
    void aClientMessageCarriesNoLibvipsTextNorPath(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.jpg");
        Files.write(broken, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x01, 0x02});
        assertThatThrownBy(() -> ImageProbe.header(broken, ImageFormat.JPEG))
                .isInstanceOfSatisfying(ImageException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain(dir.toString()).doesNotContain("jpegload");
                    assertThat(e.getCause()).isInstanceOfSatisfying(VipsException.class,
                            v -> assertThat(v.detail()).isNotBlank());
                });
    }

    /**
     * A shrink by 2 leaves the kernel 2.5x, 2x on a JPEG crop of 2 MP or more, 1.75x on one of 8 MP or more; 4 and 8
     * leave it 3x.
     */
    @ParameterizedTest(name = "{0} crop {1}x{2} to {3}x{4}: shrink {5} on load")
    @CsvSource({"JPEG,4000,3000,160,120,8", "JPEG,4000,3000,400,300,2", "JPEG,4000,3000,300,225,4",
            "JPEG,2560,1600,512,320,2", "JPEG,2560,1600,640,400,2", "JPEG,2560,1600,641,401,1",
            "JPEG,2048,1365,512,341,2", "JPEG,2048,1365,513,342,1", "JPEG,1999,1000,400,200,1",
            "WEBP,2560,1600,512,320,2", "WEBP,2560,1600,640,400,1", "JPEG,1000,1000,300,300,1",
            "JPEG,4272,2848,1199,800,2", "JPEG,4000,3000,1142,856,2", "JPEG,4000,3000,1143,857,1",
            "JPEG,2829,2829,800,800,2", "JPEG,2828,2828,800,800,1", "WEBP,2829,2829,800,800,1",
            "WEBP,1000,1000,160,160,2", "JPEG,1000,1000,600,600,1", "PNG,4000,3000,400,300,1"})
    void cropsShrinkOnLoadWhereTheFormatCan(ImageFormat format, int cw, int ch, int w, int h, int shrink) {
        Geometry g = Geometry.plan(cw, ch, Queries.parse("w=" + w + "&h=" + h));
        assertThat(FrameLoader.shrinkOnLoad(format, new Crop(0, 0, cw, ch), g, FrameLoader.ShrinkRule.LEAVE_KERNEL)).isEqualTo(shrink);
    }

    /** A mezzanine's decode shrinks as far as it still covers the planned size (libvips rounds down); JPEG only. */
    @ParameterizedTest(name = "{0} {1}x{2} to {3}x{4}: shrink {5} on load")
    @CsvSource({"JPEG,4272,2848,2048,1365,2", "JPEG,4000,3000,2000,1500,2", "JPEG,4001,3001,2000,1500,2",
            "JPEG,4001,3001,2001,1501,1", "JPEG,5000,1,2048,1,1", "JPEG,1,5000,1,2048,1", "JPEG,5000,3,2048,1,2",
            "JPEG,4000,3000,2001,1501,1", "JPEG,6028,3391,2048,1152,2", "JPEG,8200,4100,2048,1024,4",
            "JPEG,2560,1600,2048,1280,1", "WEBP,4000,3000,2000,1500,1"})
    void aMezzanineShrinksOnLoadWhileTheDecodeCoversIt(ImageFormat format, int cw, int ch, int w, int h, int shrink) {
        Geometry g = Geometry.plan(cw, ch, Queries.parse("w=" + w + "&h=" + h + "&fit=fill"));
        assertThat(FrameLoader.shrinkOnLoad(format, new Crop(0, 0, cw, ch), g, FrameLoader.ShrinkRule.COVER)).isEqualTo(shrink);
    }

    /** A marked mezzanine's JPEG decode shrinks by 2 while that covers the planned size; 4 and 8 leave 3x. */
    @ParameterizedTest(name = "{0} {1}x{2} to {3}x{4}: shrink {5} on load")
    @CsvSource({"JPEG,2136,1424,1068,712,2", "JPEG,2136,1424,1069,713,1", "JPEG,2136,1424,1000,667,2",
            "JPEG,2136,1424,535,357,2", "JPEG,2136,1424,178,118,4", "JPEG,2136,1424,179,119,2",
            "JPEG,2136,1424,89,59,8", "JPEG,2137,1425,1068,712,2", "JPEG,2048,1,1024,1,1", "WEBP,2136,1424,1000,667,1",
            "PNG,2136,1424,500,333,1"})
    void aMarkedMezzanineShrinksBy2WhileTheDecodeCoversIt(ImageFormat format, int cw, int ch, int w, int h,
                                                          int shrink) {
        Geometry g = Geometry.plan(cw, ch, Queries.parse("w=" + w + "&h=" + h + "&fit=fill"));
        assertThat(FrameLoader.shrinkOnLoad(format, new Crop(0, 0, cw, ch), g, FrameLoader.ShrinkRule.FAITHFUL_HALF))
                .isEqualTo(shrink);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {"crop=1,1,4199,3999&rot=90", "crop=1,1,4199,3999&flip=v", "crop=1,1,4199,3999&flip=h"})
    void aLargeCropReadOnceStillTurnsAndFlips(String query) {
        byte[] jpeg; // over 16 MP out, so the frame is not computed into memory first
        try (VipsImage grey = Vips.operation("black").set("width", 4200).set("height", 4000).set("bands", 3).image()) {
            jpeg = Vips.operation("jpegsave_buffer").set("in", grey).blob("buffer");
        }
        SourceImage source = new SourceImage.InMemory(jpeg, ImageProbe.header(jpeg, ImageFormat.JPEG));
        Rendition r = new Renderer(Limits.DEFAULTS).render(source, Queries.parse(query + "&fm=jpeg"),
                new StageTimings());
        assertThat((long) r.width() * r.height()).isEqualTo(4199L * 3999);
    }
}
