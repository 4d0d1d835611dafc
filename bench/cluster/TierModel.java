import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * bench/cluster/model: the memory tiers of bench/cluster without processes, to read the whole curve in a second.
 * The same trace (Trace's seeds: Zipf(1.0) ranks, 4 widths, 5 option sets of which 3 are one rendition), one
 * Caffeine cache a node bounded like MemoryTier (bytes: body + 200), a rendition store shared by all. Sizes are the
 * mean bodies bench/cluster measured (PNG 1,006 B, WebP 989 B, cover crop 1,542 B). Images go to nodes at random
 * (HAProxy's ring is less even); hashing the URL sends "", fm=png and q=60 of one rendition to different nodes.
 * "warm" replays the policies one after another on the same tiers, as bench/cluster did before 2 Dec 2026; "lru"
 * swaps Caffeine for an LRU of the same bound (what W-TinyLFU's admission does).
 */
public class TierModel {
    static final int[] RENDITION = {0, 1, 2, 0, 0}; // Trace.FITS -> rendition: "", fm=png and q=60 are one
    static final int[] BYTES = {1006 + 200, 989 + 200, 1542 + 200};
    static final String[] POLICIES = {"round robin", "hash on URL", "hash on image"};

    public static void main(String[] args) {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int[] ranks = Trace.zipf(requests, images, 1.0, new Random(42));
        int[] fits = new Random(7).ints(requests, 0, Trace.FITS.length).toArray();
        int[] owner = new Random(1).ints(images, 0, 3).toArray();
        Map<String, Integer> distinct = new LinkedHashMap<>();
        for (int i = 0; i < requests; i++) distinct.put(key(ranks, fits, i), BYTES[RENDITION[fits[i]]]);
        long workingSet = distinct.values().stream().mapToLong(Integer::longValue).sum();
        System.out.printf("%d requests, %d distinct renditions (ceiling %.1f%% memory hits), working set %.2f MB%n",
                requests, distinct.size(), 100.0 * (requests - distinct.size()) / requests, workingSet / 1048576.0);
        System.out.printf("%-8s %7s %8s %9s %9s %9s %10s%n", "tiers", "MB/node", "x set", "rr", "url", "image", "image/rr");
        double[] fractions = {0.005, 0.01, 0.02, 0.05, 0.1, 1.0 / 6, 0.2, 1.0 / 3, 0.41, 0.6, 1};
        for (String mode : List.of("caffeine", "lru", "warm")) {
            for (double f : fractions) {
                long bound = (long) (f * workingSet);
                List<Map<String, Boolean>> tiers = new ArrayList<>();
                for (int n = 0; n < 3; n++) tiers.add(tier(mode, bound));
                double[] hits = new double[3];
                for (int p = 0; p < 3; p++) {
                    if (!mode.equals("warm")) tiers.replaceAll(t -> tier(mode, bound));
                    hits[p] = replay(p, ranks, fits, owner, tiers);
                }
                System.out.printf("%-8s %7.2f %8.2f %8.1f%% %8.1f%% %8.1f%% %9.2fx%n", mode, bound / 1048576.0, f,
                        hits[0], hits[1], hits[2], hits[2] / hits[0]);
            }
        }
    }

    /** Memory-hit ratio of one policy; a memory miss (a store read or a render) fills the node's memory. */
    static double replay(int policy, int[] ranks, int[] fits, int[] owner, List<Map<String, Boolean>> tiers) {
        int hits = 0;
        for (int i = 0; i < ranks.length; i++) {
            String key = policy + ":" + key(ranks, fits, i); // each policy its own renditions, as on the real store
            int node = switch (policy) {
                case 0 -> i % 3;
                case 1 -> Math.floorMod((ranks[i] + "/" + (i % 4) + "/" + fits[i]).hashCode() * 0x9E3779B9, 3); // the URL
                default -> owner[ranks[i]];
            };
            Map<String, Boolean> tier = tiers.get(node);
            if (tier.get(key) != null) {
                hits++;
            } else {
                tier.put(key, Boolean.TRUE);
            }
        }
        return 100.0 * hits / ranks.length;
    }

    static String key(int[] ranks, int[] fits, int i) {
        return ranks[i] + "/" + (i % 4) + "/" + RENDITION[fits[i]];
    }

    /** The rendition's bytes in a tier, by the rendition the key ends with. */
    static int weight(String key) {
        return BYTES[key.charAt(key.length() - 1) - '0'];
    }

    static Map<String, Boolean> tier(String mode, long bound) {
        if (mode.equals("lru")) return new Lru(bound);
        Cache<String, Boolean> cache = Caffeine.newBuilder().maximumWeight(bound).executor(Runnable::run)
                .weigher((String k, Boolean v) -> weight(k)).build();
        return cache.asMap();
    }

    /** An LRU bounded by the same weights. */
    static final class Lru extends LinkedHashMap<String, Boolean> {
        private final long bound;
        private long weight;

        Lru(long bound) {
            super(16, 0.75f, true);
            this.bound = bound;
        }

        @Override
        public Boolean put(String key, Boolean value) {
            Boolean old = super.put(key, value);
            if (old == null) weight += weight(key);
            var it = entrySet().iterator();
            while (weight > bound && it.hasNext()) {
                var e = it.next();
                weight -= weight(e.getKey());
                it.remove();
            }
            return old;
        }
    }
}
