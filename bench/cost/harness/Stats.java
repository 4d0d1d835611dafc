package harness;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Counts and latency percentiles (nearest rank) of a set of answers. */
public record Stats(int n, int ok, double p50, double p99, double max, String statuses) {
    public static Stats of(List<Http.Result> results) {
        return of(results, r -> true);
    }

    public static Stats of(List<Http.Result> results, Predicate<Http.Result> which) {
        List<Http.Result> chosen = results.stream().filter(which).toList();
        double[] ms = chosen.stream().mapToDouble(Http.Result::ms).sorted().toArray();
        Map<String, Integer> byStatus = new TreeMap<>();
        for (Http.Result r : chosen) {
            byStatus.merge(r.error() != null ? r.error() : Integer.toString(r.status()), 1, Integer::sum);
        }
        StringBuilder statuses = new StringBuilder();
        byStatus.forEach((k, v) -> statuses.append(statuses.isEmpty() ? "" : " ").append(k).append(':').append(v));
        return new Stats(ms.length, (int) chosen.stream().filter(Http.Result::ok).count(), rank(ms, 0.50), rank(ms, 0.99),
                ms.length == 0 ? Double.NaN : ms[ms.length - 1], statuses.toString());
    }

    static double rank(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Successes (2xx) in percent of all requests sent. */
    public double successPct() {
        return n == 0 ? Double.NaN : 100.0 * ok / n;
    }

    /** "n=40 ok=100.0 % p50=31 ms p99=85 ms max=85 ms (200:40)" */
    public String line() {
        return String.format(Locale.ROOT, "n=%d ok=%.1f %% p50=%s p99=%s max=%s (%s)", n, successPct(), ms(p50), ms(p99),
                ms(max), statuses);
    }

    public static String ms(double ms) {
        if (Double.isNaN(ms)) return "-";
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
    }
}
