package dev.tessera.server;

import static dev.tessera.server.Api.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.MemoryBombs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TESSERA_RENDER_MEMORY_MB: what can never fit is refused with 422, the rest waits its turn for memory. */
class MemoryBudgetHttpTest {
    static final long BUDGET_MB = 250;
    /** JVM heap growth, thread stacks and allocator slack around the budgeted native memory. */
    static final long OVERHEAD_MB = 100;
    @TempDir static Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        Path config = Files.writeString(data.resolve("tessera.yaml"), "render: {maxWaitMs: 120000}\n");
        server = TestServer.start(data.resolve("store"), config, "TESSERA_RENDER_THREADS", "2",
                "TESSERA_RENDER_MEMORY_MB", Long.toString(BUDGET_MB), "TESSERA_RENDER_TIMEOUT_MS", "120000");
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void anUploadThatCanNeverFitIsRefusedUpFront() {
        byte[] bomb = MemoryBombs.progressiveJpeg(10000, 9999); // ~600 MB to decode
        var error = assertError(server.upload(bomb), 422);
        assertThat(error.path("code").asText()).isEqualTo("over_memory_budget");
        assertThat(error.path("message").asText()).contains("250 MB");
    }

    @Test
    void aBurstOfMemoryHeavyRendersStaysUnderTheBudget() throws Exception {
        // ~230 MB a decode: one at a time. Widths over 1024 px: from the original, not its 2048 px mezzanine (whose
        // making, ~258 MB with the 2048x2048 frame it holds, never fits this budget)
        String id = server.store(MemoryBombs.progressiveJpeg(6000, 6000));
        assertThat(server.render(id, "w=1100").status()).isEqualTo(200); // warm: code paths, pools, allocator arenas
        long before = MemoryBombs.residentBytes("VmRSS");
        MemoryBombs.resetPeakResident();
        List<CompletableFuture<Response>> burst = IntStream.range(0, 3)
                .mapToObj(i -> server.sendAsync(server.request("/images/" + id + "?w=" + (1101 + i)).GET().build()))
                .toList();
        assertThat(burst.stream().map(CompletableFuture::join)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        long grew = MemoryBombs.residentBytes("VmHWM") - before;
        assertThat(grew).as("peak RSS growth in MB: %d", grew >> 20).isLessThan((BUDGET_MB + OVERHEAD_MB) << 20);
    }
}
