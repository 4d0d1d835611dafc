package harness;

import java.io.IOException;
import java.util.List;

/**
 * CPU affinity with taskset, so the load generator does not take the server's CPU: the server on CPU 0, this
 * client (every thread of its JVM) on the others. Without it, on 2 cores the client-side latency measures the
 * client's own queueing as much as the server.
 */
public final class Pinning {
    private Pinning() {}

    /** True when taskset exists and there are at least 2 CPUs to split. */
    public static boolean available() {
        return Runtime.getRuntime().availableProcessors() >= 2 && run(List.of("taskset", "-p", Long.toString(self())));
    }

    /** The command prefix that runs the server on CPU 0. */
    public static List<String> serverPrefix() {
        return List.of("taskset", "-c", "0");
    }

    /** Moves every thread of this JVM to CPUs {@code cpus} (e.g. "1" or "0-1"). */
    public static void client(String cpus) {
        if (!run(List.of("taskset", "-a", "-p", "-c", cpus, Long.toString(self())))) {
            throw new IllegalStateException("taskset could not pin the client to CPUs " + cpus);
        }
    }

    private static long self() {
        return ProcessHandle.current().pid();
    }

    private static boolean run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
