package dev.tessera.vips;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libvips' vector code runs only with liborcguard in the process, and with it concurrent compiles and frees of
 * liborc programs do not corrupt the process (without it they did within seconds: bench/orc-race).
 */
class OrcGuardTest {
    private static final Path BUILT = Path.of("target/native", OrcGuard.LIBRARY);

    @Test
    void findsTheGuardAmongTheMappedLibraries(@TempDir Path dir) throws Exception {
        Path with = dir.resolve("with");
        Files.writeString(with, "7f00-7f01 r-xp 00000000 08:01 42 /usr/lib/x86_64-linux-gnu/libvips.so.42.16.1\n"
                + "7f02-7f03 r-xp 00001000 08:01 43 /srv/tessera/target/native/liborcguard.so\n");
        Path without = dir.resolve("without");
        Files.writeString(without, "7f00-7f01 r-xp 00000000 08:01 42 /usr/lib/x86_64-linux-gnu/liborc-0.4.so.0.33.0\n");
        assertThat(OrcGuard.mapped(with)).isTrue();
        assertThat(OrcGuard.mapped(without)).isFalse();
        assertThat(OrcGuard.mapped(dir.resolve("absent"))).isFalse();
    }

    @Test
    void vectorCodeIsOnExactlyWhenTheGuardIsLoaded() {
        assertThat(Vips.vectorPaths()).isEqualTo(OrcGuard.loaded());
    }

    @Test
    void concurrentCompilesAndFreesSurviveWithTheGuard() throws Exception {
        Path guard = guard().orElseThrow(() -> new AssertionError(
                "no " + BUILT + ": ./tessera test builds it (needs a C compiler)"));
        assertThat(stress(guard.toAbsolutePath().toString(), 6, 1000)).contains("vectors on").contains("done 6000");
    }

    @Test
    void withoutTheGuardVectorCodeIsOff() throws Exception {
        assertThat(stress(null, 2, 200)).contains("vectors off").contains("done 400");
    }

    /** The guard this JVM runs with, else the one the launcher builds. */
    private static Optional<Path> guard() {
        String preload = System.getenv().getOrDefault("LD_PRELOAD", "");
        return Arrays.stream(preload.split(":")).filter(p -> p.endsWith("/" + OrcGuard.LIBRARY)).map(Path::of)
                .findFirst().or(() -> Optional.of(BUILT)).filter(Files::isRegularFile);
    }

    /** Runs {@link OrcStress} in a child JVM preloading {@code preload} (or nothing). */
    private static String stress(String preload, int threads, int iterations) throws Exception {
        return ChildJvm.run(OrcStress.class, "128m", 120, env -> {
            env.remove("LD_PRELOAD");
            if (preload != null) env.put("LD_PRELOAD", preload);
        }, String.valueOf(threads), String.valueOf(iterations));
    }
}
