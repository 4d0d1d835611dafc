package dev.tessera.loadtest;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The readable table printed at the end of a load test. */
final class TextReport {
    private TextReport() {}

    static void print(LoadResult r, PrintWriter out) {
        LoadResult.Setup s = r.setup();
        out.println();
        out.println(describe(s));
        row(out, "URLs", "%,d from %s (%s, lines skipped: %,d)", s.urls(), s.urlsFile(), s.format(),
                s.skippedLines());
        row(out, "Requests", "%,d in %.2f s = %,.1f req/s (%,d answered, %,d errors)", r.requests(),
                r.elapsedSeconds(), r.throughput(), r.responses(), r.requests() - r.responses());
        row(out, "Received", "%s", bytes(r.bytes()));
        LoadResult.Latency l = r.latency();
        row(out, "Latency (ms)", "%9s %9s %9s %9s %9s %9s", "p50", "p90", "p99", "p99.9", "max", "mean");
        row(out, "", "%9.3f %9.3f %9.3f %9.3f %9.3f %9.3f", l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.mean());
        row(out, "Status", "%s", counts(r.statuses()));
        String label = "X-Cache";
        for (var e : r.cache().entrySet()) {
            row(out, label, "%-14s %,10d %6.1f%%", e.getKey(), e.getValue(), 100 * r.cacheRatio().get(e.getKey()));
            label = "";
        }
        row(out, "Hit ratio", "%s", r.hitRatio() == null ? "n/a: no response had an X-Cache header"
                : String.format(Locale.ROOT, "%.1f%% of the responses with an X-Cache header", 100 * r.hitRatio()));
        row(out, "Errors", "%s", r.errors().isEmpty() ? "none" : counts(r.errors()));
        if (r.schedule() != null) {
            OpenLoop.Schedule p = r.schedule();
            row(out, "Schedule", "%,d due, %,d sent, %,d of them late (> %d ms), %,d never sent", p.scheduled(),
                    p.sent(), p.late(), OpenLoop.LATE_NANOS / 1_000_000, p.scheduled() - p.sent());
        }
        out.flush();
    }

    static String describe(LoadResult.Setup s) {
        String load = s.concurrency() != null
                ? "closed loop, %d workers".formatted(s.concurrency())
                : String.format(Locale.ROOT, "open loop, %,.1f req/s", s.rate());
        return String.format(Locale.ROOT, "Load test of %s: %s, %.1f s", s.base(), load, s.durationSeconds());
    }

    private static void row(PrintWriter out, String label, String format, Object... args) {
        out.printf("%-14s%s%n", label, String.format(Locale.ROOT, format, args));
    }

    static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s: %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining("   "));
    }

    static String bytes(long n) {
        if (n < 1024) return n + " B";
        int unit = (63 - Long.numberOfLeadingZeros(n)) / 10;
        return String.format(Locale.ROOT, "%.1f %siB", n / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
    }
}
