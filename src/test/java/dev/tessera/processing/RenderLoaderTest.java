package dev.tessera.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.tessera.options.ImageFormat;
import dev.tessera.options.Queries;
import dev.tessera.testing.TiledTiff;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders decode through the loader the upload was validated with, never one libvips picks from the bytes. */
class RenderLoaderTest {

    @Test
    void aSlideTaggedTiffRendersThroughTiffload(@TempDir Path dir) throws Exception {
        Path slide = dir.resolve("slide.tif");
        Files.write(slide, TiledTiff.rgb(16, 16, TiledTiff.APERIO));
        SourceImage source = SourceImage.ofFile(slide, ImageProbe.header(slide, ImageFormat.TIFF));
        Rendition r = new Renderer(Limits.DEFAULTS).render(source, Queries.parse("w=8&fm=png"), ImageFormat.PNG,
                new StageTimings());
        assertThat(r.width()).isEqualTo(8);
        try (VipsImage out = Vips.operation("pngload_buffer").set("buffer", r.body()).image()) {
            assertThat(out.bands()).as("bands (OpenSlide gives RGBA)").isEqualTo(3);
            assertThat(Vips.operation("avg").set("in", out).doubleValue("out")).isCloseTo(93.3, offset(1.0));
        }
    }
}
