package dev.tessera.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** When the JIT compilers are lowered: one sample a second of their CPU time (given here, in ms). */
class JitLoweringTest {
    private static final long MS = 1_000_000L;

    /** Feeds the compilers' CPU of each second (ms) and returns, per second, whether it was time to lower. */
    private static List<Boolean> samples(long startMs, long... perSecondMs) {
        AtomicLong cpu = new AtomicLong(startMs * MS);
        JitLowering jit = new JitLowering(cpu::get);
        List<Boolean> warm = new ArrayList<>();
        for (long ms : perSecondMs) {
            cpu.addAndGet(ms * MS);
            warm.add(jit.warmAfterSample());
        }
        return warm;
    }

    private static long[] seconds(int n, long ms) {
        long[] s = new long[n];
        Arrays.fill(s, ms);
        return s;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] s = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, s, a.length, b.length);
        return s;
    }

    @Test
    void aFreshNodeLeftIdleIsNotLowered() {
        // its start compiled 500 ms before this; then a trickle (health checks)
        assertThat(samples(500, seconds(120, 2))).containsOnly(false);
    }

    @Test
    void aNodeWarmedByALoadIsLoweredTenQuietSecondsAfterIt() {
        List<Boolean> warm = samples(500, concat(seconds(5, 300), seconds(20, 5)));
        assertThat(warm.subList(0, 14)).as("busy, then fewer than ten quiet seconds").containsOnly(false);
        assertThat(warm.get(14)).as("ten seconds after the load's compilations").isTrue();
    }

    @Test
    void aNodeThatKeepsCompilingIsNotLowered() {
        long[] bursts = seconds(60, 5);
        for (int s = 0; s < bursts.length; s += 5) bursts[s] = 150; // a recompile burst every 5 s
        assertThat(samples(500, concat(seconds(5, 300), bursts))).containsOnly(false);
    }

    @Test
    void aLightLoadDoesNotWarmTheNode() {
        // 50 ms of compiles over the first seconds: under a second in all, however quiet afterwards
        assertThat(samples(500, concat(seconds(10, 50), seconds(60, 0)))).containsOnly(false);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theCompilersCpuOfThisJvmIsRead() {
        assertThat(JitLowering.compilerCpuNanos()).as("this test JVM has compiled code").isPositive();
    }
}
