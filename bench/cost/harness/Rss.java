package harness;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The peak RSS of each scenario's server, against the render memory budget plus a fixed 150 MB. */
final class Rss {
    static final int OVERHEAD_MB = 150;

    private final int budgetMb;
    private final Map<String, Double> peaks = new LinkedHashMap<>();

    Rss(int budgetMb) {
        this.budgetMb = budgetMb;
    }

    void add(String scenario, double peakMb) {
        peaks.put(scenario, peakMb);
    }

    void rows(Table t) {
        int limit = budgetMb + OVERHEAD_MB;
        peaks.forEach((scenario, peak) -> t.row("peak RSS, " + scenario, String.format(Locale.ROOT, "%.0f MB", peak),
                "< " + budgetMb + " + " + OVERHEAD_MB + " = " + limit + " MB", peak / limit, peak < limit));
    }
}
