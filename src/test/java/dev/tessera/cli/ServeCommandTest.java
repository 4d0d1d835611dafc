package dev.tessera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.config.ConfigLoader;
import dev.tessera.config.TesseraConfig;
import dev.tessera.scheduling.RenderPool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tessera serve} with a bad configuration: one line per problem, exit 2, no stack trace, nothing started or lowered. */
class ServeCommandTest {
    @Test
    void aBadConfigurationExitsWithStatusTwoAndOneLinePerProblem() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("TESSERA_SIGNING_KEYS", ",", "TESSERA_RENDER_THREADS", "1000",
                "TESSERA_API_KEYS", "a:k,b:k", "TESSERA_PORT", "0", "TESSERA_HOST", "127.0.0.1");
        int status = new CommandLine(new ServeCommand(env, new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute();
        assertThat(status).isEqualTo(2);
        int caller = niceOf(Path.of("/proc/thread-self"));
        assertThat(niceOfCompilerThreads(ProcessHandle.current().pid())).as("the JIT of a process that does not serve "
                + "(this test JVM) keeps its priority").isNotEmpty().allSatisfy(nice -> assertThat(nice).isEqualTo(caller));
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("tessera: config: "))
                .anySatisfy(line -> assertThat(line).startsWith("tessera: config: security.signingKeys: "))
                .anySatisfy(line -> assertThat(line).startsWith("tessera: config: render.threads: "))
                .anySatisfy(line -> assertThat(line).isEqualTo(
                        "tessera: config: security.apiKeys: tenants a and b have the same key"));
    }

    @Test
    void theStartupLineStatesTheSecurityMode() {
        TesseraConfig cfg = ConfigLoader.load(null, Map.of("TESSERA_SIGNING_KEYS", "k", "TESSERA_API_KEYS", "a:1"));
        assertThat(ServeCommand.startupLine(cfg, 8080, "8.14.1")).startsWith("tessera listening on http://0.0.0.0:8080 ")
                .endsWith("; signing on (1 key), writes with API keys (1 tenant), remote allow-private off)");
    }

    /** A served process (a child JVM on loopback) runs its JIT compiler threads at the renders' nice value. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aServedProcessRunsItsJitCompilersAtTheRenderNiceValue(@TempDir Path data) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path out = data.resolve("serve.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.tessera.cli.Main", "serve").redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(Map.of("TESSERA_HOST", "127.0.0.1", "TESSERA_PORT", "" + port,
                "TESSERA_DATA_DIR", data.resolve("store").toString()));
        Process serve = pb.start();
        try {
            for (int i = 0; i < 600 && serve.isAlive() && !Files.readString(out).contains("tessera listening"); i++) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(out)).contains("tessera listening");
            List<Integer> compilers = niceOfCompilerThreads(serve.pid());
            int parent = niceOf(Path.of("/proc/thread-self"));
            assertThat(compilers).isNotEmpty()
                    .allSatisfy(nice -> assertThat(nice).isEqualTo(Math.max(parent, RenderPool.RENDER_NICE)));
        } finally {
            serve.destroyForcibly().waitFor();
        }
    }

    private static List<Integer> niceOfCompilerThreads(long pid) throws Exception {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", "" + pid, "task"))) {
            return tasks.filter(t -> {
                try {
                    return Files.readString(t.resolve("comm")).matches("C[12] CompilerThre\\s*");
                } catch (Exception ended) {
                    return false;
                }
            }).map(ServeCommandTest::niceOf).toList();
        }
    }

    private static int niceOf(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
