package dev.tessera.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code templates:} section: defaults, and declared templates validated at start, one line per bad one. */
class TemplatesConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaults() {
        TesseraConfig.Templates t = ConfigLoader.load(null, Map.of(), 2).templates();
        assertThat(t.cacheControl()).isEqualTo("public, max-age=3600");
        assertThat(t.concurrency()).isEqualTo(4);
        assertThat(t.definitions()).isEmpty();
        assertThat(t.imageCacheMb()).isEqualTo(16);
        assertThat(t.pngCompression()).isEqualTo(1);
    }

    @Test
    void pngCompressionFromTheEnvironmentWithinOneToTwelve() {
        assertThat(ConfigLoader.load(null, Map.of("TESSERA_TEMPLATES_PNG_COMPRESSION", "12"), 2).templates()
                .pngCompression()).isEqualTo(12);
        for (String bad : new String[] {"0", "13"}) {
            ConfigException e = catchThrowableOfType(ConfigException.class,
                    () -> ConfigLoader.load(null, Map.of("TESSERA_TEMPLATES_PNG_COMPRESSION", bad), 2));
            assertThat(e.problems()).containsExactly(
                    "templates.pngCompression: must be 1 (fastest) to 12 (smallest), not " + bad);
        }
    }

    @Test
    void imageCacheFromTheEnvironmentAndNeverNegative() {
        assertThat(ConfigLoader.load(null, Map.of("TESSERA_TEMPLATES_IMAGE_CACHE_MB", "0"), 2).templates()
                .imageCacheMb()).isZero();
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("TESSERA_TEMPLATES_IMAGE_CACHE_MB", "-1"), 2));
        assertThat(e.problems()).anyMatch(p -> p.startsWith("templates.imageCacheMb: "));
    }

    @Test
    void declaredTemplatesAreValidatedOneLineEach() throws Exception {
        Path file = Files.writeString(dir.resolve("t.yaml"), """
                templates:
                  concurrency: 0
                  definitions:
                    good: {width: 100, height: 100, layers: []}
                    bad-w: {width: 100, height: 100, layers: [{type: rect, x: 0, y: 0, h: 10}]}
                    bad-bg: {width: 100, height: 100, background: red, layers: []}
                    Bad: {width: 100, height: 100, layers: []}
                """);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), 2));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "templates.concurrency: must be more than 0, not 0",
                "templates.definitions.bad-w: layers[0].w: is required",
                "templates.definitions.bad-bg: background: must be hex RRGGBB or RRGGBBAA, no #",
                "templates.definitions.Bad: the name must match [a-z0-9][a-z0-9_-]{0,63}");
    }
}
