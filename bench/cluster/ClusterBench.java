import dev.tessera.cluster.BalancerConfig;
import dev.tessera.cluster.Cluster;
import dev.tessera.cluster.ClusterState.Member;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * bench/cluster: one trace, four balancing policies, one 3-node cluster (S3 + nodes as processes). Each policy
 * gets its own rendition widths, so its memory tiers and store start cold. Prints per policy the memory-hit ratio,
 * the store reads (hit-store + miss), the renders, and the busiest node's share relative to the mean.
 */
public class ClusterBench {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String[] FITS = {"", "&fm=webp", "&h=24&fit=cover", "&fm=png", "&q=60"};

    record Policy(String name, String balance, boolean factor) {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path state = Files.createTempDirectory("tessera-cluster-bench");
        String cp = System.getProperty("java.class.path");
        String java = ProcessHandle.current().info().command().orElse("java");
        Cluster cluster = Cluster.up(new Cluster.Spec(3, 0, state, Path.of("deploy"),
                List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx384m"), cp, cp, "500ms", 1000,
                Map.of("TESSERA_MEMORY_CACHE_MB", "2", "TESSERA_ACCESS_LOG", "false")));
        List<Process> balancers = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            List<String> ids = upload(cluster.balancerUrl(), images, concurrency);
            System.out.printf("uploaded %d images in %.1f s%n", ids.size(), (System.nanoTime() - t0) / 1e9);
            int[] trace = zipf(requests, ids.size(), 1.0, new Random(42));
            int[] fits = new Random(7).ints(requests, 0, FITS.length).toArray();
            List<Policy> policies = List.of(new Policy("round robin", "balance roundrobin", false),
                    new Policy("hash on URL", "balance uri whole\n    hash-type consistent", false),
                    new Policy("hash on image", null, false), new Policy("hash on image + factor 150", null, true));
            List<String> nodes = cluster.state().nodes().stream().map(m -> m.url().substring(7)).toList();
            System.out.printf("%-28s %8s %10s %8s %8s %10s %8s%n", "policy", "requests", "mem-hit", "store-rd",
                    "renders", "max/mean", "req/s");
            int width = 20;
            for (Policy p : policies) {
                String url = haproxy(p, nodes, state, balancers);
                int w = width;
                width += 4;
                String[] paths = new String[requests];
                for (int i = 0; i < requests; i++) {
                    paths[i] = "/images/" + ids.get(trace[i]) + "?w=" + (w + i % 4) + FITS[fits[i]];
                }
                replay(p.name(), url, paths, concurrency);
            }
            movedKeys(cluster, ids, haproxy(policies.get(2), nodes, state, balancers));
        } finally {
            for (Process b : balancers) b.destroy();
            Cluster.down(state, Duration.ofSeconds(1));
        }
    }

    static void replay(String name, String base, String[] paths, int concurrency) throws Exception {
        Map<String, AtomicInteger> tiers = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> byNode = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                pool.execute(() -> {
                    for (int i; (i = next.getAndIncrement()) < paths.length; ) {
                        try {
                            var r = HTTP.send(HttpRequest.newBuilder(URI.create(base + paths[i])).build(),
                                    BodyHandlers.discarding());
                            String tier = r.statusCode() == 200 ? r.headers().firstValue("X-Cache").orElse("?")
                                    : "status " + r.statusCode();
                            tiers.computeIfAbsent(tier, k -> new AtomicInteger()).incrementAndGet();
                            byNode.computeIfAbsent(r.headers().firstValue("X-Served-By").orElse("?"),
                                    k -> new AtomicInteger()).incrementAndGet();
                        } catch (Exception e) {
                            tiers.computeIfAbsent("error", k -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                });
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        int n = paths.length;
        int mem = count(tiers, "hit-memory"), store = count(tiers, "hit-store"), miss = count(tiers, "miss");
        double mean = byNode.values().stream().mapToInt(AtomicInteger::get).average().orElse(0);
        int max = byNode.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
        System.out.printf("%-28s %8d %9.1f%% %8d %8d %10.2f %8.0f   %s %s%n", name, n, 100.0 * mem / n, store + miss,
                miss, max / mean, n / secs, new TreeMap<>(byNode), new TreeMap<>(tiers));
    }

    /** Which node serves each image before and after node 3 dies: only its images should move. */
    static void movedKeys(Cluster cluster, List<String> ids, String base) throws Exception {
        Map<String, String> before = owners(base, ids);
        cluster.kill(3);
        Thread.sleep(2500); // HAProxy: 500 ms x fall 2
        Map<String, String> after = owners(base, ids);
        long onDead = before.values().stream().filter("node3"::equals).count();
        long moved = ids.stream().filter(id -> !Objects.equals(before.get(id), after.get(id))).count();
        long movedOthers = ids.stream().filter(id -> !"node3".equals(before.get(id))
                && !Objects.equals(before.get(id), after.get(id))).count();
        System.out.printf("node3 killed: %d of %d images moved (%.1f%%); %d were on node3; %d moved between live nodes%n",
                moved, ids.size(), 100.0 * moved / ids.size(), onDead, movedOthers);
    }

    static Map<String, String> owners(String base, List<String> ids) throws Exception {
        Map<String, String> owner = new HashMap<>();
        for (String id : ids) {
            var r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/images/" + id + "/info")).build(),
                    BodyHandlers.discarding());
            owner.put(id, r.headers().firstValue("X-Served-By").orElse("?"));
        }
        return owner;
    }

    static String haproxy(Policy p, List<String> nodes, Path state, List<Process> running) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String cfg = Files.readString(Path.of("deploy/haproxy.cfg"));
        if (p.balance() != null) {
            cfg = cfg.replace("balance hash var(txn.image)\n    hash-type consistent", p.balance());
        }
        if (!p.factor()) cfg = cfg.replaceAll("(?m)^\\s*hash-balance-factor.*$", "");
        Path file = state.resolve("haproxy-" + port + ".cfg");
        Files.writeString(file, BalancerConfig.fill(cfg, nodes, Map.of("TESSERA_BIND", "127.0.0.1:" + port,
                "TESSERA_CHECK_INTER", "500ms")));
        Process h = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(state.resolve("haproxy-" + port + ".log").toFile()).start();
        running.add(h);
        String url = "http://127.0.0.1:" + port;
        for (int i = 0; i < 300; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(), BodyHandlers.discarding())
                        .statusCode() == 200) {
                    Thread.sleep(1500); // rise 2 x 500 ms: every node up
                    return url;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("haproxy did not start: " + file);
    }

    static List<String> upload(String base, int n, int concurrency) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                pool.execute(() -> {
                    while (next.getAndIncrement() < n) {
                        try {
                            var r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/images"))
                                    .header("Content-Type", "image/png")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(png())).build(), BodyHandlers.ofString());
                            var m = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{64})\"").matcher(r.body());
                            if (m.find()) ids.add(m.group(1));
                        } catch (Exception e) {
                            System.err.println("upload failed: " + e);
                        }
                    }
                });
            }
        }
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        return sorted;
    }

    static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) image.setRGB(x, y, r.nextInt(0x1000000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** n draws of ranks 0..k-1 with P(rank r) proportional to 1/(r+1)^s. */
    static int[] zipf(int n, int k, double s, Random random) {
        double[] cdf = new double[k];
        double sum = 0;
        for (int r = 0; r < k; r++) cdf[r] = sum += 1 / Math.pow(r + 1, s);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble() * sum;
            int idx = Arrays.binarySearch(cdf, u);
            out[i] = idx >= 0 ? idx : -idx - 1;
        }
        return out;
    }

    static int count(Map<String, AtomicInteger> m, String key) {
        AtomicInteger v = m.get(key);
        return v == null ? 0 : v.get();
    }
}
