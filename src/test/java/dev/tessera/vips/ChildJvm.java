package dev.tessera.vips;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a main class of the test classpath in a fresh JVM and returns its output; fails unless it exits 0. */
final class ChildJvm {
    private ChildJvm() {}

    static String run(Class<?> main, String heap, int timeoutSeconds, Consumer<Map<String, String>> env,
                      String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(main.getSimpleName(), ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            env.accept(pb.environment());
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
            String text = Files.readString(out);
            assertThat(p.exitValue()).as("exit of " + main.getSimpleName() + ", output:\n" + text).isZero();
            return text;
        } finally {
            Files.delete(out);
        }
    }
}
