package dev.tessera.vips;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Of libvips' loadable modules only the HEIF one is in the process, and it works (AVIF out and back in). */
class VipsModulesTest {

    @Test
    void onlyTheHeifModuleIsLoaded() throws IOException {
        Vips.init();
        List<String> modules = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(line -> line.contains("/vips-modules-"))
                .map(line -> line.substring(line.lastIndexOf('/') + 1)).distinct().toList();
        assertThat(modules).containsExactly(VipsModules.USED);
        assertThat(Files.readString(Path.of("/proc/self/maps")))
                .doesNotContain("libMagickCore").doesNotContain("libpoppler").doesNotContain("libopenslide");
    }

    @Test
    void avifIsWrittenAndReadThroughTheHeifModule() {
        byte[] avif;
        try (VipsImage grey = Vips.operation("black").set("width", 16).set("height", 16).set("bands", 3).image()) {
            avif = Vips.operation("heifsave_buffer").set("in", grey).set("compression", "av1").blob("buffer");
        }
        try (VipsImage back = Vips.operation("heifload_buffer").set("buffer", avif).image()) {
            assertThat(back.width()).isEqualTo(16);
        }
    }
}
