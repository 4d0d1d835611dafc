import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One replay of the trace through a balancer: the tier of every answer (X-Cache) per node (X-Served-By), each
 * distinct rendition's size, and each node's memory tier afterwards (its /metrics: bytes held, evictions).
 */
final class Replay {
    static final String HEADER = String.format("%-28s %5s %8s %8s %8s %8s %9s %7s", "policy", "MB", "requests",
            "mem-hit", "store-rd", "renders", "max/mean", "req/s");
    private static final Pattern BYTES = Pattern.compile("(?m)^tessera_cache_bytes\\{[^}]*tier=\"memory\"[^}]*} (\\S+)");
    private static final Pattern EVICTIONS = Pattern.compile("(?m)^tessera_cache_evictions_total\\{[^}]*tier=\"memory\"[^}]*} (\\S+)");

    private final Map<String, Map<String, AtomicInteger>> tiersByNode = new ConcurrentHashMap<>();
    private final Map<String, Long> sizes = new ConcurrentHashMap<>(); // by ETag
    private double seconds;

    /** Sends every path once, {@code concurrency} at a time (a closed loop). */
    static Replay run(String base, String[] paths, int concurrency) throws Exception {
        Replay replay = new Replay();
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                pool.execute(() -> {
                    for (int i; (i = next.getAndIncrement()) < paths.length; ) replay.send(base, paths[i]);
                });
            }
        }
        replay.seconds = (System.nanoTime() - t0) / 1e9;
        return replay;
    }

    private void send(String base, String path) {
        String tier, node = "?";
        try {
            var r = Trace.HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), BodyHandlers.discarding());
            tier = r.statusCode() == 200 ? r.headers().firstValue("X-Cache").orElse("?") : "status " + r.statusCode();
            node = r.headers().firstValue("X-Served-By").orElse("?");
            String rendition = r.headers().firstValue("ETag").orElse(path); // "", fm=png, q=60: one rendition
            r.headers().firstValueAsLong("Content-Length").ifPresent(n -> sizes.put(rendition, n));
        } catch (Exception e) {
            tier = "error";
        }
        tiersByNode.computeIfAbsent(node, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(tier, k -> new AtomicInteger()).incrementAndGet();
    }

    /** One line: the policy's totals, then per node its requests, memory-hit ratio and memory tier. */
    String line(String policy, long memoryMb, List<String> nodeUrls) {
        int n = 0, mem = 0, store = 0, miss = 0, max = 0;
        StringBuilder perNode = new StringBuilder();
        for (var e : new TreeMap<>(tiersByNode).entrySet()) {
            int requests = e.getValue().values().stream().mapToInt(AtomicInteger::get).sum();
            int nodeMem = count(e.getValue(), "hit-memory");
            n += requests;
            mem += nodeMem;
            store += count(e.getValue(), "hit-store");
            miss += count(e.getValue(), "miss");
            max = Math.max(max, requests);
            perNode.append(String.format(" %s %d %.0f%%", e.getKey(), requests, 100.0 * nodeMem / requests));
        }
        double mean = (double) n / tiersByNode.size();
        return String.format("%-28s %5d %8d %7.1f%% %8d %8d %9.2f %7.0f  |%s | %s | %s", policy, memoryMb, n,
                100.0 * mem / n, store + miss, miss, max / mean, n / seconds, perNode, tiers(), memoryTiers(nodeUrls));
    }

    /** The distinct renditions' bytes plus the memory tier's overhead an entry (what would hold all of them). */
    String workingSet(int entryOverhead) {
        long bytes = sizes.values().stream().mapToLong(v -> v + entryOverhead).sum();
        return String.format("working set: %d distinct renditions, %.2f MB (bodies + %d B an entry)", sizes.size(),
                bytes / 1048576.0, entryOverhead);
    }

    private Map<String, Integer> tiers() {
        Map<String, Integer> all = new TreeMap<>();
        tiersByNode.values().forEach(m -> m.forEach((t, c) -> all.merge(t, c.get(), Integer::sum)));
        return all;
    }

    /** Each node's memory tier after the replay: MB held / evictions. */
    private static String memoryTiers(List<String> nodeUrls) {
        StringBuilder out = new StringBuilder("memory MB/evictions");
        for (String url : nodeUrls) {
            try {
                String text = Trace.HTTP.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                        BodyHandlers.ofString()).body();
                out.append(String.format(" %.2f/%.0f", value(BYTES.matcher(text)) / 1048576, value(EVICTIONS.matcher(text))));
            } catch (Exception e) {
                out.append(" ?");
            }
        }
        return out.toString();
    }

    private static double value(Matcher m) {
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static int count(Map<String, AtomicInteger> m, String key) {
        AtomicInteger v = m.get(key);
        return v == null ? 0 : v.get();
    }
}
