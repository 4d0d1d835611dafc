package dev.tessera.vips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.tessera.testing.TiledTiff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one call may not share with another: libvips' operation cache, its error text, untrusted loaders. */
class VipsIsolationTest {

    @Test
    void callsNeverShareOutputsEvenWithLibvipsCacheOn() {
        Vips.init();
        LibVips.cacheSetMax(100);
        try (VipsImage a = Vips.operation("black").set("width", 7).set("height", 7).image();
             VipsImage b = Vips.operation("black").set("width", 7).set("height", 7).image()) {
            assertThat(a.pointer()).as("the second call's output").isNotEqualTo(b.pointer());
        } finally {
            LibVips.cacheSetMax(0);
        }
    }

    @Test
    void keepsLibvipsTextApartFromTheOperation() {
        assertThatThrownBy(() -> Vips.operation("jpegload_buffer").set("buffer", new byte[] {1, 2, 3}).image())
                .isInstanceOfSatisfying(VipsException.class, e -> {
                    assertThat(e.operation()).isEqualTo("jpegload_buffer");
                    assertThat(e.detail()).isNotBlank().doesNotStartWith("jpegload_buffer: jpegload_buffer");
                });
        assertThat(LibVips.takeError()).as("error buffer after the call").isEmpty();
    }

    @Test
    void loadersOutsideTheValidatedSetAreBlocked() {
        byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'/>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Vips.operation("svgload_buffer").set("buffer", svg).image())
                .isInstanceOf(VipsException.class);
        assertThatThrownBy(() -> Vips.operation("thumbnail_buffer").set("buffer", svg).set("width", 4).image())
                .isInstanceOf(VipsException.class);
    }

    @Test
    void aSlideTaggedTiffIsNeverOpenedByOpenSlide(@TempDir Path dir) throws Exception {
        Path slide = dir.resolve("slide.tif");
        Files.write(slide, TiledTiff.rgb(16, 16, TiledTiff.APERIO));
        // libvips 8.14 would pick OpenSlide when sniffing the file, but OpenSlide's module is never loaded
        // (VipsModules): the file is the plain TIFF it also is
        try (VipsImage thumb = Vips.operation("thumbnail").set("filename", slide.toString()).set("width", 8).image()) {
            assertThat(thumb.width()).isEqualTo(8);
        }
        assertThat(Files.readString(Path.of("/proc/self/maps"))).doesNotContain("openslide");
        try (VipsImage tiff = Vips.operation("tiffload").set("filename", slide.toString()).image()) {
            assertThat(tiff.stringField("vips-loader")).hasValue("tiffload");
        }
    }
}
