package dev.tessera.vips;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Of libvips' loadable modules only the HEIF one is ever in the process, opened when a call first needs it (not by
 * vips_init), and it works (AVIF out and back in).
 */
class VipsModulesTest {

    @Test
    void onlyTheHeifModuleIsEverLoaded() throws IOException {
        avifRoundTrip();
        assertThat(ModulesProbe.modules()).containsExactly(VipsModules.USED);
        assertThat(Files.readString(Path.of("/proc/self/maps")))
                .doesNotContain("libMagickCore").doesNotContain("libpoppler").doesNotContain("libopenslide");
    }

    @Test
    void avifIsWrittenAndReadThroughTheHeifModule() {
        try (VipsImage back = Vips.operation("heifload_buffer").set("buffer", avifRoundTrip()).image()) {
            assertThat(back.width()).isEqualTo(16);
        }
    }

    @Test
    void aFreshProcessOpensTheModuleForTheFirstHeifCall() throws Exception {
        assertThat(probe("save")).containsExactly("init []", "call " + avifRoundTrip().length + " [vips-heif.so]");
    }

    @Test
    void aThumbnailOfAvifBytesOpensTheModuleItSniffsFor(@TempDir Path dir) throws Exception {
        Path avif = dir.resolve("grey.avif");
        Files.write(avif, avifRoundTrip());
        assertThat(probe("thumbnail", avif.toString())).containsExactly("init []", "call 8 [vips-heif.so]");
    }

    @Test
    void aThumbnailOfOtherBytesLeavesItClosed(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("grey.png");
        try (VipsImage grey = Vips.operation("black").set("width", 16).set("height", 16).image()) {
            Files.write(png, Vips.operation("pngsave_buffer").set("in", grey).blob("buffer"));
        }
        assertThat(probe("thumbnail", png.toString())).containsExactly("init []", "call 8 []");
    }

    private static byte[] avifRoundTrip() {
        try (VipsImage grey = Vips.operation("black").set("width", 16).set("height", 16).set("bands", 3).image()) {
            return Vips.operation("heifsave_buffer").set("in", grey).set("compression", "av1").blob("buffer");
        }
    }

    /** Runs {@link ModulesProbe} in a child JVM; its output lines. */
    private static List<String> probe(String... args) throws Exception {
        // without VIPSHOME: else the child inherits this process's, which Vips.init set
        return ChildJvm.run(ModulesProbe.class, "64m", 60, env -> env.remove("VIPSHOME"), args).lines().toList();
    }
}
