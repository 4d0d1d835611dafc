package dev.tessera.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** render.memoryMb 0: a quarter of the memory the process may use, at most 160 MB. */
class RenderMemoryDefaultTest {
    private static final long MB = 1L << 20;

    @Test
    void aLargeMachineGetsTheCap() {
        assertThat(TesseraConfig.Render.derivedMemoryBytes(24L << 30)).isEqualTo(160 * MB);
        assertThat(TesseraConfig.Render.derivedMemoryBytes(640 * MB)).isEqualTo(160 * MB);
    }

    @Test
    void aSmallMachineOrContainerGetsAQuarterOfItsMemory() {
        assertThat(TesseraConfig.Render.derivedMemoryBytes(512 * MB)).isEqualTo(128 * MB);
        assertThat(TesseraConfig.Render.derivedMemoryBytes(256 * MB)).isEqualTo(64 * MB);
    }

    @Test
    void theDefaultIsDerivedAndASetValueWins() {
        TesseraConfig c = ConfigLoader.load(null, Map.of());
        assertThat(c.render().memoryMb()).isZero();
        assertThat(c.render().effectiveMemoryBytes()).isBetween(1L, 160 * MB);
        TesseraConfig set = ConfigLoader.load(null, Map.of("TESSERA_RENDER_MEMORY_MB", "1024"));
        assertThat(set.render().effectiveMemoryBytes()).isEqualTo(1024 * MB);
    }
}
