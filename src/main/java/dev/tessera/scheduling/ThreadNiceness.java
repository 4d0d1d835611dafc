package dev.tessera.scheduling;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Lowers the calling thread's CPU priority (Linux: a thread's own nice value), so that render threads, which
 * keep every core busy under load, leave the CPU to request handling first: a cache hit or a refusal
 * is answered in milliseconds however many renders run. Java's thread priorities do nothing on Linux.
 */
final class ThreadNiceness {
    private static final int PRIO_PROCESS = 0;
    private static final Optional<MethodHandle[]> CALLS = lookup();

    private ThreadNiceness() {}

    /** Sets this thread's nice value (raising it needs no privilege); false where the OS has no such call. */
    static boolean lowerTo(int nice) {
        if (CALLS.isEmpty()) return false;
        try {
            int tid = (int) CALLS.get()[0].invokeExact();
            return (int) CALLS.get()[1].invokeExact(PRIO_PROCESS, tid, nice) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * Sets the nice value of this process's threads whose name (Linux keeps its first 15 characters) starts with
     * {@code prefix}; how many it set. Threads one of them starts later inherit the value (Linux).
     */
    static int lowerThreadsNamed(String prefix, int nice) {
        if (CALLS.isEmpty()) return 0;
        int set = 0;
        for (Path task : tasks()) {
            try {
                if (!Files.readString(task.resolve("comm")).strip().startsWith(prefix)) continue;
                int tid = Integer.parseInt(task.getFileName().toString());
                if ((int) CALLS.get()[1].invokeExact(PRIO_PROCESS, tid, nice) == 0) set++;
            } catch (Throwable endedOrRefused) {
                // the thread ended meanwhile, or the call failed: left as it is
            }
        }
        return set;
    }

    /** This process's threads (/proc/self/task/N); none where there is no /proc. */
    static List<Path> tasks() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<MethodHandle[]> lookup() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) return Optional.empty();
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        var gettid = libc.find("gettid");
        var setpriority = libc.find("setpriority");
        if (gettid.isEmpty() || setpriority.isEmpty()) return Optional.empty();
        return Optional.of(new MethodHandle[] {
                linker.downcallHandle(gettid.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT)),
                linker.downcallHandle(setpriority.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT))});
    }
}
