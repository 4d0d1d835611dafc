import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Tessera server as users run it: `./tessera serve` (the built jar, its AOT cache, jemalloc, the launcher's heap
 * and GC flags), pinned to SERVER_CPUS; the launcher and taskset exec, so the PID is the JVM's. SERVER_ROOT: the
 * checkout whose launcher and jar run (default this one; a second checkout is a side-by-side variant, built before).
 * SERVER_JAVA_OPTS: JVM flags added to the launcher's (through JDK_JAVA_OPTIONS; experiments only). SERVER_JIT_NICE:
 * the nice value the bench sets on the server's C1/C2 compiler threads once it is up (experiments only).
 */
final class Server implements AutoCloseable {
    static final Path ROOT = Path.of(System.getenv().getOrDefault("SERVER_ROOT", "")).toAbsolutePath();
    final Process process;
    final String base;
    private final Path log;

    Server(int port, Path config) throws Exception {
        Path data = Files.createTempDirectory("remote-bench");
        List<String> command = new ArrayList<>(List.of("taskset", "-c", RemoteBench.SERVER_CPUS,
                ROOT.resolve("tessera").toString(), "serve"));
        if (config != null) command.addAll(List.of("--config", config.toString()));
        log = data.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // bench/remote/run sets these for this JVM; the server runs as shipped
        builder.environment().remove("VIPS_CONCURRENCY");
        builder.environment().remove("VIPS_WARNING");
        String extra = System.getenv().getOrDefault("SERVER_JAVA_OPTS", "");
        if (!extra.isBlank()) builder.environment().put("JDK_JAVA_OPTIONS", extra.trim());
        builder.environment().putAll(Map.of("TESSERA_PORT", "" + port, "TESSERA_HOST", "127.0.0.1",
                "TESSERA_DATA_DIR", data.toString(), "TESSERA_REMOTE_ALLOW_PRIVATE", "true",
                "TESSERA_ACCESS_LOG", "false", "TESSERA_MEMORY_CACHE_MB", "64"));
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // never a stray server
        base = "http://127.0.0.1:" + port;
        for (int i = 0; i < 600 && RemoteBench.timed("up", base + "/health").status() != 200; i++) {
            if (!process.isAlive()) throw new IllegalStateException("the server ended: " + log);
            Thread.sleep(100);
        }
        String jitNice = System.getenv("SERVER_JIT_NICE");
        if (jitNice != null) System.out.printf("server JIT compiler threads set to nice %s: %d%n", jitNice, renice(jitNice));
    }

    /** Sets the server's C1/C2 compiler threads to {@code nice} with renice; how many it set. */
    private int renice(String nice) throws Exception {
        int set = 0;
        try (var tasks = Files.list(Path.of("/proc", "" + process.pid(), "task"))) {
            for (Path task : tasks.toList()) {
                if (!Files.readString(task.resolve("comm")).matches("C[12] CompilerThre\\s*")) continue;
                Process renice = new ProcessBuilder("renice", "-n", nice, "-p", task.getFileName().toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (renice.waitFor() == 0) set++;
            }
        }
        return set;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        // when serve lowered its JIT compilers (a build without it prints nothing)
        try (var lines = Files.lines(log)) {
            lines.filter(line -> line.startsWith("tessera: warm")).forEach(line -> System.out.println("server: " + line));
        }
    }
}
