package dev.tessera.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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

    @Test
    void threadsOfOneNameAreLoweredAndTheThreadsTheyStartInheritIt() throws Exception {
        int caller = niceOfThisThread();
        // the JVM names the OS thread just before run(): lowered only once both are running
        CountDownLatch running = new CountDownLatch(2), lowered = new CountDownLatch(1);
        CompletableFuture<Integer> named = new CompletableFuture<>(), child = new CompletableFuture<>(),
                other = new CompletableFuture<>();
        Thread a = Thread.ofPlatform().name("nicer-probe-1").start(() -> {
            running.countDown();
            await(lowered);
            named.complete(niceOrFail());
            Thread.ofPlatform().name("started-by-probe").start(() -> child.complete(niceOrFail()));
        });
        Thread b = Thread.ofPlatform().name("other-probe").start(() -> {
            running.countDown();
            await(lowered);
            other.complete(niceOrFail());
        });
        try {
            running.await();
            assertThat(ThreadNiceness.lowerThreadsNamed("nicer-probe", 7)).isEqualTo(1);
        } finally {
            lowered.countDown();
        }
        a.join();
        b.join();
        assertThat(named.get()).isEqualTo(Math.max(caller, 7));
        assertThat(child.get()).as("a thread it starts inherits the value").isEqualTo(Math.max(caller, 7));
        assertThat(other.get()).as("another name").isEqualTo(caller);
        assertThat(niceOfThisThread()).as("the caller").isEqualTo(caller);
    }

    private static int niceOrFail() {
        try {
            return niceOfThisThread();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
