package dev.tessera.scheduling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Puts the JVM's JIT compiler threads at the lowest priority ({@link #NICE}) once the node is warm (Linux). A warm
 * node's compilations (hot request paths reaching C2 over its first minutes of load, recompiles set off by a load's
 * swings) come in bursts of 100-400 ms; at the renders' nice value such a burst took half the CPU from a render, at
 * 19 it gets about an eighth beside one, and what a lull leaves idle. A fresh node's first compilations must not
 * wait behind load, or it stays slow for its first seconds (issue 17). Warm: the compilers have spent
 * {@link #WARM_NANOS} of CPU since the server started (it has served a load: a start alone costs ~0.5 s) and then
 * less than {@link #QUIET_NANOS_PER_SECOND} per second over {@link #QUIET_SECONDS} seconds. Never raised back
 * (that needs privilege).
 */
public final class JitLowering {
    /** The compilers' nice value once warm: the lowest priority, below the renders' {@link RenderPool#RENDER_NICE}. */
    static final int NICE = 19;
    static final long WARM_NANOS = 1_000_000_000L;
    static final int QUIET_SECONDS = 10;
    static final long QUIET_NANOS_PER_SECOND = 20_000_000L;
    /** The compiler threads' names as Linux keeps them (15 characters). */
    private static final String C1 = "C1 CompilerThre", C2 = "C2 CompilerThre";
    private static final long NANOS_PER_TICK = 10_000_000L; // /proc's utime and stime: USER_HZ = 100

    private final LongSupplier compilerCpu;
    private final long atStart;
    private final long[] lastSeconds = new long[QUIET_SECONDS + 1];
    private int samples;

    /** {@code compilerCpu}: CPU time the compiler threads have used so far, nanos; read now as the start. */
    JitLowering(LongSupplier compilerCpu) {
        this.compilerCpu = compilerCpu;
        this.atStart = compilerCpu.getAsLong();
    }

    /**
     * Starts a daemon thread that samples the compilers' CPU once a second and lowers them once warm, then ends.
     * {@code onLowered} gets how many compiler threads it set.
     */
    public static void lowerOnceWarm(IntConsumer onLowered) {
        if (!Files.isDirectory(Path.of("/proc/self/task"))) return;
        JitLowering jit = new JitLowering(JitLowering::compilerCpuNanos);
        Thread.ofPlatform().daemon().name("jit-lowering").start(() -> {
            try {
                do Thread.sleep(1000); while (!jit.warmAfterSample());
                onLowered.accept(ThreadNiceness.lowerThreadsNamed(C1, NICE)
                        + ThreadNiceness.lowerThreadsNamed(C2, NICE));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Takes one sample (one a second); true once the node is warm and its compilers quiet. */
    boolean warmAfterSample() {
        long now = compilerCpu.getAsLong();
        lastSeconds[samples++ % lastSeconds.length] = now;
        if (samples < lastSeconds.length || now - atStart < WARM_NANOS) return false;
        long tenSecondsAgo = lastSeconds[samples % lastSeconds.length];
        return now - tenSecondsAgo <= QUIET_SECONDS * QUIET_NANOS_PER_SECOND;
    }

    /** CPU time of this process's C1/C2 compiler threads (/proc/self/task/N/stat: name, then utime and stime). */
    static long compilerCpuNanos() {
        long ticks = 0;
        for (Path task : ThreadNiceness.tasks()) {
            try {
                String stat = Files.readString(task.resolve("stat"));
                int close = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, close);
                if (!name.startsWith(C1) && !name.startsWith(C2)) continue;
                String[] fields = stat.substring(close + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException ended) {
                // the thread ended meanwhile
            }
        }
        return ticks * NANOS_PER_TICK;
    }
}
