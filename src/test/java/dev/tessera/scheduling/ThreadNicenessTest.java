package dev.tessera.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class ThreadNicenessTest {
    /** The nice value of the calling thread, field 19 of /proc/thread-self/stat (after the command's parenthesis). */
    private static int niceOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    @Test
    void renderThreadsRunNicerThanRequestThreads() throws Exception {
        int caller = niceOfThisThread();
        try (RenderPool pool = new RenderPool(1, 4)) {
            int render = pool.run(ThreadNicenessTest::niceOfThisThread);
            assertThat(render).isEqualTo(Math.max(caller, RenderPool.RENDER_NICE));
            assertThat(niceOfThisThread()).as("only the render thread changed").isEqualTo(caller);
        }
    }
}
