import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * `tessera serve` in a JVM of its own (the launcher's default heap and GC flags, and SERVER_JAVA_OPTS if set), pinned
 * to SERVER_CPUS.
 */
final class Server implements AutoCloseable {
    final Process process;
    final String base;

    Server(int port, Path config) throws Exception {
        Path data = Files.createTempDirectory("remote-bench");
        List<String> command = new ArrayList<>(List.of("taskset", "-c", RemoteBench.SERVER_CPUS,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xms16m", "-Xmx384m", "-XX:+UseSerialGC"));
        String extra = System.getenv().getOrDefault("SERVER_JAVA_OPTS", "");
        if (!extra.isBlank()) command.addAll(List.of(extra.trim().split(" +")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.tessera.cli.Main", "serve"));
        if (config != null) command.addAll(List.of("--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile());
        builder.environment().putAll(Map.of("TESSERA_PORT", "" + port, "TESSERA_HOST", "127.0.0.1",
                "TESSERA_DATA_DIR", data.toString(), "TESSERA_REMOTE_ALLOW_PRIVATE", "true",
                "TESSERA_ACCESS_LOG", "false", "TESSERA_MEMORY_CACHE_MB", "64"));
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // never a stray server
        base = "http://127.0.0.1:" + port;
        for (int i = 0; i < 600 && RemoteBench.timed("up", base + "/health").status() != 200; i++) {
            if (!process.isAlive()) throw new IllegalStateException("the server ended: " + data.resolve("server.log"));
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
