package dev.tessera.cli;

import dev.tessera.cluster.Cluster;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera cluster up|down|status}: S3 + N nodes + HAProxy on this machine's loopback (docs/scaling.md). */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Run a local cluster: an S3 server, N nodes and HAProxy on loopback ports.",
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Down.class, ClusterCommand.Status.class})
final class ClusterCommand implements Runnable {
    @Option(names = "--state-dir", defaultValue = ".cache/cluster", description = "Pids, ports, logs, S3 data.")
    Path stateDir;

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Start the cluster; prints the balancer URL.")
    static final class Up implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand ClusterCommand parent;

        @Option(names = "--nodes", defaultValue = "3", description = "Tessera nodes (default 3).")
        int nodes;

        @Option(names = "--port", defaultValue = "8080",
                description = "The balancer's port; S3 takes the next, the nodes those after (default 8080).")
        int port;

        @Option(names = "--s3-classpath", description = "Classpath holding s3proxy (the launcher resolves it; "
                + "also TESSERA_S3_CLASSPATH).")
        String s3Classpath;

        @Option(names = "--deploy-dir", defaultValue = "deploy", description = "Where haproxy.cfg is.")
        Path deployDir;

        @Option(names = "--drain-ms", defaultValue = "5000", description = "Each node's drain delay.")
        long drainMs;

        @Override
        public Integer call() throws Exception {
            if (nodes < 1 || nodes > 16) throw new IllegalArgumentException("--nodes must be 1-16, not " + nodes);
            String s3 = s3Classpath != null ? s3Classpath : System.getenv("TESSERA_S3_CLASSPATH");
            Cluster cluster = Cluster.up(new Cluster.Spec(nodes, port, parent.stateDir, deployDir, jvm(), classpath(),
                    s3, "1s", drainMs, Map.of()));
            System.out.println(cluster.balancerUrl());
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the cluster (SIGTERM, then kill).")
    static final class Down implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand ClusterCommand parent;

        @Override
        public Integer call() throws Exception {
            if (!ClusterCommand.isUp(parent.stateDir)) return 1;
            Cluster.down(parent.stateDir, Duration.ofSeconds(10));
            System.out.println("cluster stopped");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Each process's URL, pid, readiness.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand ClusterCommand parent;

        @Override
        public Integer call() throws IOException {
            if (!ClusterCommand.isUp(parent.stateDir)) return 1;
            Cluster.status(parent.stateDir).forEach(System.out::println);
            return 0;
        }
    }

    /** True when the state dir names a cluster; else says so on stderr. */
    static boolean isUp(Path stateDir) {
        if (Files.exists(stateDir.resolve("cluster.json"))) return true;
        System.err.println("tessera: cluster: no cluster is up in " + stateDir + " (start one with `cluster up`)");
        return false;
    }

    /** This JVM, for the nodes and the S3 server, with the launcher's options (see {@link #jvm(Map, String)}). */
    static List<String> jvm() {
        return jvm(System.getenv(), ProcessHandle.current().info().command().orElse("java"));
    }

    /**
     * {@code java} and the options the launcher starts {@code serve} with ({@code TESSERA_NODE_JAVA_OPTS}, which
     * {@code ./tessera cluster} sets), so a node runs as a single node would; without the launcher, G1 and
     * {@code TESSERA_JAVA_OPTS} or a 512 MB heap.
     */
    static List<String> jvm(Map<String, String> env, String java) {
        List<String> command = new java.util.ArrayList<>(List.of(java));
        String launcher = env.get("TESSERA_NODE_JAVA_OPTS");
        if (launcher != null && !launcher.isBlank()) {
            command.addAll(words(launcher));
            return command;
        }
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"));
        command.addAll(words(env.getOrDefault("TESSERA_JAVA_OPTS", "-Xms64m -Xmx512m")));
        return command;
    }

    private static List<String> words(String options) {
        return Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** This JVM's classpath with absolute entries (the children may not share its working directory). */
    static String classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().toString()).filter(p -> Files.exists(Path.of(p)))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
