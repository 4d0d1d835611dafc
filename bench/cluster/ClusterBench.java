import dev.tessera.cluster.BalancerConfig;
import dev.tessera.cluster.Cluster;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;

/**
 * bench/cluster: one trace, balancing policies and per-node memory sizes on a 3-node cluster (S3 + nodes as
 * processes + HAProxy). Every (memory size, policy) run starts on freshly started nodes (empty memory tiers) and an
 * empty rendition store, over the same uploaded originals; prints the memory-hit ratio, store reads (hit-store +
 * miss), renders, the busiest node's requests over the mean, and per node its requests, hit ratio and memory tier.
 */
public class ClusterBench {
    record Policy(String key, String name, String balance, boolean factor) {}

    record Balancer(Process process, String url) {}

    static final List<Policy> POLICIES = List.of(
            new Policy("rr", "round robin", "balance roundrobin", false),
            new Policy("url", "hash on URL", "balance uri whole\n    hash-type consistent", false),
            new Policy("image", "hash on image", null, false),
            new Policy("factor", "hash on image + factor 150", null, true));

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        List<Long> sizes = List.of(2L);
        List<String> policies = List.of("rr", "url", "image", "factor");
        Path state = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--memory-mb" -> sizes = Arrays.stream(args[++i].split(",")).map(Long::valueOf).toList();
                case "--policies" -> policies = List.of(args[++i].split(","));
                case "--state" -> state = Path.of(args[++i]).toAbsolutePath();
                default -> positional.add(args[i]);
            }
        }
        int requests = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 10_000;
        int images = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 2_000;
        int concurrency = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 8;
        boolean temporary = state == null;
        if (temporary) state = Files.createTempDirectory("tessera-cluster-bench");
        Files.createDirectories(state);
        System.out.printf("%s, load average %s; state %s%n", java.time.Instant.now(),
                Files.readString(Path.of("/proc/loadavg")).trim(), state);
        try {
            Path saved = state.resolve("ids.txt");
            if (!Files.exists(saved)) {
                Cluster c = up(state, sizes.get(0));
                try {
                    Trace.images(c.balancerUrl(), images, concurrency, saved);
                } finally {
                    Cluster.down(state, Duration.ofSeconds(1));
                }
            }
            String[] paths = Trace.paths(Trace.images(null, images, concurrency, saved), requests);
            System.out.println(Replay.HEADER);
            boolean moved = false;
            for (long mb : sizes) {
                for (String key : policies) {
                    Policy p = POLICIES.stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow(
                            () -> new IllegalArgumentException("policy: rr, url, image or factor, not " + key));
                    moved |= run(state, mb, p, paths, concurrency, !moved && key.equals("image"));
                }
            }
        } finally {
            if (temporary) deleteTree(state);
        }
    }

    /**
     * One replay on fresh nodes with {@code mb} of memory each, after emptying the rendition store; then, when
     * {@code kill}, which images move when node3 dies. True when it killed.
     */
    static boolean run(Path state, long mb, Policy p, String[] paths, int concurrency, boolean kill) throws Exception {
        deleteTree(state.resolve("s3").resolve("tessera").resolve("renditions"));
        Cluster cluster = up(state, mb);
        Balancer haproxy = null;
        try {
            List<String> nodeUrls = cluster.state().nodes().stream().map(m -> m.url()).toList();
            haproxy = haproxy(p, nodeUrls.stream().map(u -> u.substring(7)).toList(), state);
            String base = haproxy.url();
            Replay replay = Replay.run(base, paths, concurrency);
            System.out.println(replay.line(p.name(), mb, nodeUrls));
            if (kill) {
                System.out.println(replay.workingSet(200));
                Moves.afterKill(cluster, base, Files.readAllLines(state.resolve("ids.txt")));
            }
            return kill;
        } finally {
            if (haproxy != null) haproxy.process().destroy();
            Cluster.down(state, Duration.ofSeconds(1));
        }
    }

    static Cluster up(Path state, long mb) throws Exception {
        String cp = System.getProperty("java.class.path");
        String java = ProcessHandle.current().info().command().orElse("java");
        return Cluster.up(new Cluster.Spec(3, 0, state, Path.of("deploy"),
                List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx384m"), cp, cp, "500ms", 1000,
                Map.of("TESSERA_MEMORY_CACHE_MB", Long.toString(mb), "TESSERA_ACCESS_LOG", "false")));
    }

    /** HAProxy from deploy/haproxy.cfg with the policy's balance line, on a free port, once every node is up. */
    static Balancer haproxy(Policy p, List<String> nodes, Path state) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String cfg = Files.readString(Path.of("deploy/haproxy.cfg"));
        if (p.balance() != null) cfg = cfg.replace("balance hash var(txn.image)\n    hash-type consistent", p.balance());
        if (!p.factor()) cfg = cfg.replaceAll("(?m)^\\s*hash-balance-factor.*$", "");
        Path file = state.resolve("haproxy-" + port + ".cfg");
        Files.writeString(file, BalancerConfig.fill(cfg, nodes, Map.of("TESSERA_BIND", "127.0.0.1:" + port,
                "TESSERA_CHECK_INTER", "500ms")));
        Process h = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(state.resolve("haproxy-" + port + ".log").toFile()).start();
        String url = "http://127.0.0.1:" + port;
        for (int i = 0; i < 300; i++) {
            try {
                if (Trace.HTTP.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                        BodyHandlers.discarding()).statusCode() == 200) {
                    Thread.sleep(1500); // rise 2 x 500 ms: every node up
                    return new Balancer(h, url);
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        h.destroy();
        throw new IllegalStateException("haproxy did not start: " + file);
    }

    static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) return;
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
