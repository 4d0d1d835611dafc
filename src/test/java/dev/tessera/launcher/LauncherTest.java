package dev.tessera.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./tessera} launcher as a user without Maven or ldconfig on PATH runs it, on a copy of the
 * project holding the built jar (run as user nobody when the tests run as root, as a plain user would).
 */
class LauncherTest {
    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final Pattern LISTENING = Pattern.compile("tessera listening on http://[^:]+:(\\d+)");

    // Not a @TempDir: JUnit warns about every link to outside it when deleting, and bin/ has thousands.
    private static Path tmp;
    private static Path project;
    private static Path bin;
    private static Path builtJar;
    private Path jar;

    @BeforeAll
    static void copyProjectAndPath() throws IOException {
        builtJar = builtJar();
        tmp = open(Files.createTempDirectory("tessera-launcher-test"));
        project = open(tmp.resolve("project"));
        Files.copy(REPO.resolve("tessera"), project.resolve("tessera"));
        Files.copy(REPO.resolve("pom.xml"), project.resolve("pom.xml"));
        Files.writeString(open(project.resolve("src/main")).resolve("Source.java"), "class Source {}\n");
        Files.copy(REPO.resolve("src/main/native/orcguard.c"), open(project.resolve("src/main/native")).resolve("orcguard.c"));
        linkLibraries(open(project.resolve("target/lib")));
        Files.setPosixFilePermissions(open(project.resolve("target/native")), PosixFilePermissions.fromString("rwxrwxrwx"));
        bin = pathWithout("mvn", "mvnDebug", "ldconfig", "ldconfig.real");
    }

    @AfterAll
    static void deleteCopies() throws IOException {
        try (Stream<Path> all = Files.walk(tmp)) { // walk does not follow links: their targets stay
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** A built jar, newer than the sources. */
    @BeforeEach
    void freshJar() throws IOException {
        jar = project.resolve("target").resolve(builtJar.getFileName());
        Files.copy(builtJar, jar, StandardCopyOption.REPLACE_EXISTING);
        Instant buildTime = Instant.now().minus(Duration.ofHours(1));
        Path sources = project.resolve("src/main");
        for (Path p : List.of(project.resolve("pom.xml"), sources, sources.resolve("Source.java"),
                sources.resolve("native"), sources.resolve("native/orcguard.c"))) {
            Files.setLastModifiedTime(p, FileTime.from(buildTime.minus(Duration.ofHours(1))));
        }
        Files.setLastModifiedTime(jar, FileTime.from(buildTime));
    }

    @Test
    void runsTheBuiltJarWithoutMaven() throws Exception {
        Run run = launcher("--version");
        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.stdout).startsWith("tessera ");
        assertThat(run.stderr).doesNotContain("building").doesNotContain("missing");
    }

    @Test
    void runsAStaleJarWithAWarningWhenMavenIsMissing() throws Exception {
        Files.setLastModifiedTime(project.resolve("src/main/Source.java"), FileTime.from(Instant.now()));
        Run run = launcher("--version");
        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.stdout).startsWith("tessera ");
        assertThat(run.stderr).contains("the sources changed since target/" + jar.getFileName())
                .contains("mvn is not on PATH: running that jar as it is");
    }

    @Test
    void saysHowToGetMavenWhenThereIsNoJar() throws Exception {
        Files.delete(jar);
        Run run = launcher("--version");
        assertThat(run.exit).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr).contains("no built jar").contains("apt-get install -y maven");
    }

    @Test
    void servesFromTheBuiltJarWithoutMaven() throws Exception {
        assertServes("TESSERA_AOT=off");
    }

    @Test
    void anAotCacheThatDoesNotFitTheJarNeverStopsServe() throws Exception {
        Path cache = project.resolve("target/tessera.aot");
        Files.writeString(cache, "not an AOT cache");
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now()));
        try {
            assertServes("TESSERA_AOT=on");
        } finally {
            Files.delete(cache);
        }
    }

    private void assertServes(String aot) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path out = tmp.resolve("serve.out");
        Path err = tmp.resolve("serve.err");
        Process serve = start(out, err, List.of("bash", "tessera", "serve"),
                "TESSERA_HOST=127.0.0.1", "TESSERA_PORT=0", "TESSERA_DATA_DIR=" + data, aot);
        try {
            int port = awaitPort(serve, out, err);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            var health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Files.readString(err)).as("serve's stderr").doesNotContain("vector code off");
        } finally {
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) serve.destroyForcibly().waitFor();
        }
    }

    @Test
    void theOrcGuardIsBuiltOnceAndPreloaded() throws Exception {
        Path guard = project.resolve("target/native/liborcguard.so");
        Files.deleteIfExists(guard);
        Run first = sourced("preload_orc_guard; echo \"[$LD_PRELOAD]\"");
        assertThat(first.exit).as(first.toString()).isZero();
        assertThat(first.stdout).isEqualTo("[" + guard + "]\n");
        FileTime built = Files.getLastModifiedTime(guard);
        Run again = sourced("LD_PRELOAD=/bin/true; preload_orc_guard; echo \"[$LD_PRELOAD]\"");
        assertThat(again.stdout).isEqualTo("[" + guard + ":/bin/true]\n");
        assertThat(Files.getLastModifiedTime(guard)).as("not rebuilt").isEqualTo(built);
    }

    @Test
    void withoutACompilerTheGuardIsLeftOutWithOneLine() throws Exception {
        Files.deleteIfExists(project.resolve("target/native/liborcguard.so"));
        Run run = sourced("CC=/nonexistent/cc; preload_orc_guard; echo \"[${LD_PRELOAD:-}]\"");
        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.stdout).isEqualTo("[]\n");
        assertThat(run.stderr).contains("no C compiler (/nonexistent/cc)").contains("vector code stays off");
    }

    @Test
    void findingNoJemallocNeverStopsTheLauncher() throws Exception {
        Run run = sourced("JEMALLOC_PATHS=(/nonexistent/libjemalloc.so.2); je=$(jemalloc); preload_jemalloc; "
                + "echo \"looked up: [$je]\"");
        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.stdout).matches("(?s)looked up: \\[(|/\\S+/libjemalloc\\.so\\.2)]\\s*");
    }

    @Test
    void glibcMallocPreloadsNothingAndGetsTwoArenasAndAMmapThresholdUnlessTunablesAreGiven() throws Exception {
        Run run = sourced("unset GLIBC_TUNABLES; TESSERA_MALLOC=glibc; preload_malloc; "
                + "echo \"preload [${LD_PRELOAD:-}] conf [${MALLOC_CONF:-}] tunables [$GLIBC_TUNABLES]\"; "
                + "GLIBC_TUNABLES=glibc.malloc.arena_max=4; preload_malloc; echo \"[$GLIBC_TUNABLES]\"");
        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.stdout.lines()).containsExactly("preload [] conf [] tunables "
                + "[glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=4194304]", "[glibc.malloc.arena_max=4]");
    }

    @Test
    void theJvmTrimsItsNativeHeapUnderGlibcOnly() throws Exception {
        Run run = sourced("TESSERA_JAVA_OPTS=-Xmx64m; TESSERA_MALLOC=glibc; java_opts; echo \"${JAVA_OPTS[*]}\"; "
                + "TESSERA_MALLOC=jemalloc; java_opts; echo \"${JAVA_OPTS[*]}\"");
        List<String> lines = twoLines(run);
        assertThat(lines.get(0)).endsWith("-Xmx64m -XX:TrimNativeHeapInterval=1000");
        assertThat(lines.get(1)).endsWith("-Xmx64m");
    }

    @Test
    void jemallocIsPreloadedWithItsConfiguration() throws Exception {
        Run run = sourced("JEMALLOC_PATHS=(/bin/true); TESSERA_MALLOC=jemalloc; preload_malloc; "
                + "echo \"preload [$LD_PRELOAD] conf [$MALLOC_CONF]\"");
        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.stdout).startsWith("preload [/bin/true] conf [narenas:2,");
    }

    @Test
    void aClustersNodesGetServesJavaOptions() throws Exception {
        Run run = sourced("TESSERA_JAVA_OPTS='-Xms8m -Xmx96m'; node_java_opts; java_opts; "
                + "bash -c 'echo \"$TESSERA_NODE_JAVA_OPTS\"'; echo \"${JAVA_OPTS[*]}\"");
        List<String> lines = twoLines(run);
        assertThat(lines.get(0)).isEqualTo(lines.get(1))
                .startsWith("--enable-native-access=ALL-UNNAMED ").endsWith(" -Xms8m -Xmx96m");
    }

    @Test
    void theStackMapGeneratorStaysInterpretedWhateverTheJavaOptionsAndNothingReachesStdout() throws Exception {
        // stdout carries the access log: the JVM takes the exclusion without echoing it there
        Run run = sourced("TESSERA_JAVA_OPTS=-Xmx64m; java_opts; \"$JAVA_HOME/bin/java\" \"${JAVA_OPTS[@]}\" -version; "
                + "echo \"${JAVA_OPTS[*]}\"");
        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.stdout).isEqualTo("--enable-native-access=ALL-UNNAMED -XX:CompileCommand=quiet "
                + "-XX:CompileCommand=exclude,jdk/internal/classfile/impl/StackMapGenerator.processBlock -Djdk.nio.maxCachedBufferSize=262144 -Xmx64m\n");
    }

    @Test
    void aConfigurationFileNamedRelativelyIsReadFromWhereTheCommandWasTyped() throws Exception {
        Run run = sourced("CALLER_DIR=/home/u; TESSERA_CONFIG=t.yaml; callers_config_paths --port 8 --config a.yaml "
                + "--config=b.yaml --config=/etc/c.yaml; printf '%s|' \"${args[@]}\"; echo \"$TESSERA_CONFIG\"");
        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.stdout).isEqualTo("--port|8|--config|/home/u/a.yaml|--config=/home/u/b.yaml|"
                + "--config=/etc/c.yaml|/home/u/t.yaml\n");
    }

    @Test
    void anUnknownAllocatorStopsTheLauncher() throws Exception {
        Run run = sourced("TESSERA_MALLOC=tcmalloc; preload_malloc; echo preloaded");
        assertThat(run.exit).as(run.toString()).isNotZero();
        assertThat(run.stdout).doesNotContain("preloaded");
        assertThat(run.stderr).contains("TESSERA_MALLOC=tcmalloc");
    }

    @Test
    void picksThePackageNameAptOffers() throws Exception {
        Run run = sourced("pkg_name 'tessera-no-such-package|coreutils'; "
                + "any_installed 'tessera-no-such-package|coreutils' && echo installed");
        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.stdout.lines()).containsExactly("coreutils", "installed");
    }

    // ---------------------------------------------------------------- helpers

    private record Run(int exit, String stdout, String stderr) {}

    private Run launcher(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "tessera"));
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs {@code script} in bash after sourcing the launcher (which then only defines its functions). */
    /** The run's two lines of output, once it exited 0 with exactly two. */
    private static List<String> twoLines(Run run) {
        assertThat(run.exit).as(run.toString()).isZero();
        List<String> lines = run.stdout.lines().toList();
        assertThat(lines).hasSize(2);
        return lines;
    }

    private Run sourced(String script) throws Exception {
        return run(List.of("bash", "-c", "source ./tessera; " + script));
    }

    private Run run(List<String> command) throws Exception {
        Path out = tmp.resolve("run.out");
        Path err = tmp.resolve("run.err");
        Process p = start(out, err, command);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not end within 60 s: " + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Starts {@code command} in the project copy with a clean environment; {@code env}: NAME=value. */
    private Process start(Path out, Path err, List<String> command, String... env) throws IOException {
        List<String> full = new ArrayList<>();
        if (isRoot()) full.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).directory(project.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        var vars = pb.environment();
        vars.clear();
        vars.put("PATH", bin.toString());
        vars.put("HOME", tmp.toString());
        vars.put("LANG", "C.UTF-8");
        vars.put("JAVA_HOME", System.getProperty("java.home"));
        vars.put("TESSERA_JAVA_OPTS", "-Xms16m -Xmx256m");
        for (String e : env) vars.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        return pb.start();
    }

    /** Waits (at most 60 s) for the "listening" line and returns its port. */
    private static int awaitPort(Process serve, Path out, Path err) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(giveUp)) {
            Matcher m = LISTENING.matcher(Files.readString(out));
            if (m.find()) return Integer.parseInt(m.group(1));
            if (!serve.isAlive()) break;
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not start: " + Files.readString(out) + "\n"
                + Files.readString(err));
    }

    /** A directory of links to every command on the usual PATH except the named ones. */
    private static Path pathWithout(String... excluded) throws IOException {
        Path dir = open(tmp.resolve("bin"));
        List<String> skip = List.of(excluded);
        for (String from : List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
            Path d = Path.of(from);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : files.toList()) {
                    Path link = dir.resolve(f.getFileName());
                    if (!skip.contains(f.getFileName().toString()) && Files.isExecutable(f) && !Files.exists(link)) {
                        Files.createSymbolicLink(link, f);
                    }
                }
            }
        }
        return dir;
    }

    /**
     * Hard links (copies across file systems) of the built libraries: a symbolic link to the clone's target/lib
     * cannot be followed by user nobody when the clone sits in a private directory (e.g. one made by mktemp -d).
     */
    private static void linkLibraries(Path lib) throws IOException {
        try (Stream<Path> jars = Files.list(REPO.resolve("target/lib"))) {
            for (Path jar : jars.toList()) {
                Path link = lib.resolve(jar.getFileName());
                try {
                    Files.createLink(link, jar);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(jar, link);
                }
            }
        }
    }

    private static Path builtJar() throws IOException {
        Path target = REPO.resolve("target");
        if (!Files.isDirectory(target)) throw new AssertionError("no target/: run ./tessera test, which builds the jar");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("tessera-.*\\.jar")
                            && !f.getFileName().toString().matches(".*-(sources|javadoc|tests)\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError(
                            "no target/tessera-*.jar: run ./tessera test, which builds it (or mvn package)"));
        }
    }

    /** Creates the directory, readable by the user the launcher runs as. */
    private static Path open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    private static boolean isRoot() throws IOException {
        return Files.readString(Path.of("/proc/self/status")).lines()
                .anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
    }
}
