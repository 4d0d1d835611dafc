package dev.tessera.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The dashboard's figures, read from the meter registry at each call (no bookkeeping of its own): cumulative
 * counts and latency buckets, so a client takes rates and percentiles from the difference of two snapshots.
 */
public final class DashboardStats {
    private final Metrics metrics;
    private final MeterRegistry registry;
    private final Supplier<Map<String, Integer>> queuedByTenant;
    private final Clock clock;

    public DashboardStats(Metrics metrics, Supplier<Map<String, Integer>> queuedByTenant, Clock clock) {
        this.metrics = metrics;
        this.registry = metrics.registry();
        this.queuedByTenant = queuedByTenant;
        this.clock = clock;
    }

    public Map<String, Object> snapshot() {
        metrics.bindJvmMeters(); // the heap's figures
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("time", clock.millis());
        stats.put("requests", requests());
        stats.put("cache", counts("tessera_cache_lookups", "tier", "result"));
        stats.put("stages", stages());
        stats.put("render", Map.of("queued", gauge("tessera_render_queue_depth"),
                "inFlight", gauge("tessera_renders_in_flight"), "threads", gauge("tessera_render_threads"),
                "queuedByTenant", queuedByTenant.get()));
        stats.put("memory", Map.of("rss", gauge("process_resident_memory_bytes"),
                "heapUsed", sum("jvm.memory.used", "heap"), "heapMax", sum("jvm.memory.max", "heap"),
                "vips", gauge("tessera_vips_tracked_bytes")));
        stats.put("rejections", counts("tessera_rejections", "reason", null));
        stats.put("breakers", breakers());
        return stats;
    }

    /** Per route, all statuses together: count, 5xx count, total seconds and cumulative [le seconds, count]. */
    private List<Map<String, Object>> requests() {
        Map<String, Route> byRoute = new TreeMap<>();
        for (Timer t : registry.find("tessera_http_requests").timers()) {
            byRoute.computeIfAbsent(t.getId().getTag("route"), r -> new Route()).add(t);
        }
        List<Map<String, Object>> routes = new ArrayList<>();
        byRoute.forEach((route, r) -> routes.add(Map.of("route", route, "count", r.count, "errors", r.errors,
                "seconds", r.seconds, "buckets", r.buckets.entrySet().stream()
                        .map(e -> List.of(e.getKey(), e.getValue())).toList())));
        return routes;
    }

    private static final class Route {
        long count;
        long errors;
        double seconds;
        final Map<Double, Double> buckets = new TreeMap<>();

        void add(Timer t) {
            count += t.count();
            if ("5xx".equals(t.getId().getTag("status"))) errors += t.count();
            seconds += t.totalTime(TimeUnit.SECONDS);
            for (CountAtBucket b : t.takeSnapshot().histogramCounts()) {
                buckets.merge(b.bucket(TimeUnit.SECONDS), b.count(), Double::sum);
            }
        }
    }

    private List<Map<String, Object>> stages() {
        return registry.find("tessera_stage").timers().stream().map(t -> Map.<String, Object>of(
                "stage", t.getId().getTag("stage"), "count", t.count(), "seconds", t.totalTime(TimeUnit.SECONDS)))
                .toList();
    }

    /** Counter totals keyed by one tag, or by two as {@code a.b} when {@code second} is given. */
    private Map<String, Double> counts(String name, String first, String second) {
        Map<String, Double> counts = new TreeMap<>();
        for (Counter c : registry.find(name).counters()) {
            String key = c.getId().getTag(first) + (second == null ? "" : "." + c.getId().getTag(second));
            counts.merge(key, c.count(), Double::sum);
        }
        return counts;
    }

    private double gauge(String name) {
        Gauge g = registry.find(name).gauge();
        return g == null || Double.isNaN(g.value()) ? 0 : g.value();
    }

    private double sum(String name, String area) {
        return registry.find(name).tag("area", area).gauges().stream().mapToDouble(Gauge::value)
                .filter(v -> v > 0).sum();
    }

    /** Circuit breakers not closed: gauges named {@code *breaker_state} (0 closed, 1 open, 2 half-open), by tags. */
    private List<Map<String, String>> breakers() {
        List<Map<String, String>> open = new ArrayList<>();
        for (Meter m : registry.getMeters()) {
            if (!(m instanceof Gauge g) || !g.getId().getName().endsWith("breaker_state") || g.value() < 1) continue;
            Map<String, String> tags = new TreeMap<>();
            g.getId().getTags().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
            tags.put("state", g.value() == 1 ? "open" : "half-open");
            open.add(tags);
        }
        return open;
    }
}
