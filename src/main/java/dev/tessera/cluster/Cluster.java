package dev.tessera.cluster;

import dev.tessera.cluster.ClusterState.Member;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The production shape on one machine: an S3 API server (s3proxy on a directory of the state dir), N Tessera
 * nodes on loopback ports with {@code TESSERA_STORAGE=s3}, and HAProxy in front (deploy/haproxy.cfg filled for
 * them). Processes outlive this object; {@link #down} stops what {@code <stateDir>/cluster.json} names.
 */
public final class Cluster {
    /** The S3 server's credentials and bucket: loopback only, for this machine's cluster. */
    static final String ACCESS_KEY = "tessera-cluster";
    static final String SECRET_KEY = "tessera-cluster-secret";
    static final String BUCKET = "tessera";

    private final Spec spec;
    private final Path stateDir;
    private final List<String> nodeAddresses = new ArrayList<>();
    private final List<Member> nodes = new ArrayList<>();
    private Member s3;
    private Member balancer;

    /**
     * {@code port}: the balancer's (then S3 port+1, nodes port+2...), 0 for free ports; {@code java}: the JVM and its
     * options for nodes and S3; {@code checkInter}: HAProxy's check interval (e.g. "1s"); {@code nodeEnv}: more
     * TESSERA_* settings for every node.
     */
    public record Spec(int nodes, int port, Path stateDir, Path deployDir, List<String> java, String nodeClasspath,
                       String s3Classpath, String checkInter, long drainDelayMs, Map<String, String> nodeEnv) {}

    private Cluster(Spec spec) throws IOException {
        this.spec = spec;
        this.stateDir = spec.stateDir().toAbsolutePath();
        Files.createDirectories(stateDir);
    }

    /** Starts everything and waits until the balancer answers; on failure, stops what it started. */
    public static Cluster up(Spec spec) throws IOException, InterruptedException {
        if (Files.exists(spec.stateDir().resolve(ClusterState.FILE))) {
            throw new IOException("a cluster is already up in " + spec.stateDir() + " (run `cluster down` first)");
        }
        Cluster c = new Cluster(spec);
        try {
            List<Integer> ports = Processes.ports(spec.port(), spec.nodes() + 2);
            c.s3 = S3Server.start(c.stateDir, ports.get(1), spec);
            for (int k = 1; k <= spec.nodes(); k++) c.nodeAddresses.add("127.0.0.1:" + ports.get(k + 1));
            for (int k = 1; k <= spec.nodes(); k++) c.nodes.add(c.startNode(k));
            for (Member node : c.nodes) Processes.awaitStatus(node, "/ready", 200, c.log(node.name()));
            c.balancer = c.startBalancer(ports.get(0));
            Processes.awaitStatus(c.balancer, "/health", 200, c.log("haproxy"));
            c.state().write(c.stateDir);
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.stopAll(Duration.ofSeconds(5));
            throw e;
        }
    }

    public String balancerUrl() {
        return balancer.url();
    }

    public ClusterState state() {
        return new ClusterState(balancer == null ? null : balancer.url(), balancer, s3, List.copyOf(nodes));
    }

    /** {@code kill -9} of node k (1-based). */
    public void kill(int k) throws InterruptedException {
        Processes.kill(nodes.get(k - 1), Duration.ZERO);
    }

    /** SIGTERM to node k (if alive), waiting for its drain and exit, then the node again on its port, until ready. */
    public void restart(int k) throws IOException, InterruptedException {
        Processes.stop(List.of(nodes.get(k - 1)), Duration.ofMillis(spec.drainDelayMs() + 30_000));
        Member node = startNode(k);
        nodes.set(k - 1, node);
        Processes.awaitStatus(node, "/ready", 200, log(node.name()));
        state().write(stateDir);
    }

    /** Stops the cluster named in the state dir: the balancer, then the nodes (drained), then S3. */
    public static void down(Path stateDir, Duration drain) throws IOException, InterruptedException {
        ClusterState s = ClusterState.read(stateDir);
        if (s.balancer() != null) Processes.stop(List.of(s.balancer()), Duration.ofSeconds(5));
        Processes.stop(s.nodes(), drain.plusSeconds(30));
        if (s.s3() != null) Processes.stop(List.of(s.s3()), Duration.ofSeconds(10));
        Files.deleteIfExists(stateDir.resolve(ClusterState.FILE));
    }

    /** One line per process: name, URL, pid, and whether it is alive and ready. */
    public static List<String> status(Path stateDir) throws IOException {
        ClusterState s = ClusterState.read(stateDir);
        List<String> lines = new ArrayList<>();
        lines.add("balancer " + line(s.balancer(), "/health"));
        lines.add("s3       " + s.s3().url() + " pid " + s.s3().pid() + (Processes.alive(s.s3()) ? " alive" : " DEAD"));
        for (Member node : s.nodes()) lines.add(node.name() + "    " + line(node, "/ready"));
        return lines;
    }

    private static String line(Member m, String probe) {
        if (!Processes.alive(m)) return m.url() + " pid " + m.pid() + " DEAD";
        int status = Processes.status(m.url() + probe);
        return m.url() + " pid " + m.pid() + " " + probe + " " + (status < 0 ? "unreachable" : status)
                + (status == 200 ? " (ready)" : "");
    }

    private Member startNode(int k) throws IOException {
        String name = "node" + k;
        String address = nodeAddresses.get(k - 1);
        Map<String, String> env = new HashMap<>(Map.of("TESSERA_HOST", "127.0.0.1",
                "TESSERA_PORT", address.substring(address.indexOf(':') + 1), "TESSERA_NODE_ID", name,
                "TESSERA_DATA_DIR", stateDir.resolve(name).toString(), "TESSERA_DRAIN_DELAY_MS",
                Long.toString(spec.drainDelayMs()), "TESSERA_ACCESS_LOG", "false"));
        env.putAll(S3Server.clientEnv(s3.url()));
        env.putAll(spec.nodeEnv());
        List<String> command = new ArrayList<>(spec.java());
        command.addAll(List.of("-cp", spec.nodeClasspath(), "dev.tessera.cli.Main", "serve"));
        long pid = Processes.spawn(command, env, log(name));
        return new Member(name, "http://" + address, pid);
    }

    private Member startBalancer(int port) throws IOException {
        String template = Files.readString(spec.deployDir().resolve("haproxy.cfg"));
        String cfg = BalancerConfig.fill(template, nodeAddresses,
                Map.of("TESSERA_BIND", "127.0.0.1:" + port, "TESSERA_CHECK_INTER", spec.checkInter()));
        Path file = stateDir.resolve("haproxy.cfg");
        Files.writeString(file, cfg);
        long pid = Processes.spawn(List.of("haproxy", "-db", "-f", file.toString()), Map.of(), log("haproxy"));
        return new Member("haproxy", "http://127.0.0.1:" + port, pid);
    }

    private Path log(String name) {
        return stateDir.resolve(name + ".log");
    }

    private void stopAll(Duration timeout) throws InterruptedException {
        List<Member> all = new ArrayList<>(nodes);
        if (balancer != null) all.add(balancer);
        if (s3 != null) all.add(s3);
        Processes.stop(all, timeout);
    }
}
