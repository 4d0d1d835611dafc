package dev.tessera.metrics;

import dev.tessera.cache.CacheStats;
import dev.tessera.config.Build;
import dev.tessera.processing.DecodedFrames;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.vips.Vips;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The service's meters, scraped at {@code /metrics} in Prometheus text format. Names: requests
 * {@code tessera_http_requests_seconds{route,status}}, render stages {@code tessera_stage_seconds{stage}},
 * cache {@code tessera_cache_lookups_total{tier,result}}, pool, rejections, store, memory, build.
 */
public final class Metrics {
    private static final Duration[] LATENCY_SLOS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Timers by route, status class or stage, kept here; the other meters are found in the registry per call. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private boolean jvmMetersBound;

    public Metrics() {
        this(null);
    }

    /** Meters with a common {@code node} label, so that a cluster's scrapes can be told apart (null: none). */
    public Metrics(String node) {
        if (node != null) registry.config().commonTags("node", node);
        Gauge.builder("tessera_vips_tracked_bytes", Vips::trackedMemory).baseUnit("bytes").register(registry);
        Gauge.builder("tessera_vips_tracked_highwater_bytes", Vips::trackedMemoryHighwater).register(registry);
        Gauge.builder("tessera_vips_open_files", Vips::trackedFiles).register(registry);
        Gauge.builder("process_resident_memory_bytes", Metrics::residentBytes).register(registry);
    }

    /**
     * The JVM's and the system's meters (memory, GC, threads, CPU), bound once: off the start path (they cost it
     * 15-48 ms of a CPU-bound start), at the latest by the first scrape or dashboard read.
     */
    public synchronized void bindJvmMeters() {
        if (jvmMetersBound) return;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        jvmMetersBound = true;
    }

    /** {@code tessera_build}: this build's version and libvips'; once libvips is loaded (it loads while we start). */
    public void build(String vipsVersion) {
        Gauge.builder("tessera_build", () -> 1).description("the running build")
                .tag("version", Build.version()).tag("vips", vipsVersion).register(registry);
    }

    /** Gauges of the render pool (threads, queue, memory budget), and the time each render waits for a thread. */
    public void watch(RenderPool pool) {
        Gauge.builder("tessera_renders_in_flight", pool::active).register(registry);
        Gauge.builder("tessera_render_queue_depth", pool::queued).register(registry);
        Gauge.builder("tessera_render_threads", pool::threads).register(registry);
        Gauge.builder("tessera_render_memory_reserved_bytes", pool::memoryInUse).baseUnit("bytes").register(registry);
        Gauge.builder("tessera_render_memory_budget_bytes", pool::memoryBudget).baseUnit("bytes").register(registry);
        pool.observeWaits(this::queueWait);
    }

    /** Decoded mezzanines kept in memory for the next rendition: their bytes, and the renders that reused one. */
    public void watch(DecodedFrames frames) {
        Gauge.builder("tessera_decoded_frames_bytes", frames::bytesKept).baseUnit("bytes").register(registry);
        FunctionCounter.builder("tessera_decoded_frames_reused", frames, DecodedFrames::reused).register(registry);
    }

    /** The rendition cache's size and evictions per tier (hits and misses are counted per lookup). */
    public void watch(Supplier<CacheStats> cache) {
        Gauge.builder("tessera_cache_bytes", () -> cache.get().memoryBytes()).tag("tier", "memory")
                .baseUnit("bytes").register(registry);
        Gauge.builder("tessera_cache_bytes", () -> cache.get().storeBytes()).tag("tier", "store")
                .baseUnit("bytes").register(registry);
        FunctionCounter.builder("tessera_cache_evictions", cache, c -> c.get().memoryEvictions()).tag("tier", "memory")
                .register(registry);
        FunctionCounter.builder("tessera_cache_evictions", cache, c -> c.get().storeEvictions()).tag("tier", "store")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One finished HTTP request; {@code route} is the route's pattern, never the raw path. */
    public void request(String route, int status, long nanos) {
        String statusClass = status / 100 + "xx";
        timers.computeIfAbsent("http " + route + " " + statusClass, k -> Timer.builder("tessera_http_requests")
                .tag("route", route).tag("status", statusClass).serviceLevelObjectives(LATENCY_SLOS).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The timer {@link #request} records into, to look up once for a route and status. */
    public Timer requestTimer(String route, int status) {
        String statusClass = status / 100 + "xx";
        return timers.computeIfAbsent("http " + route + " " + statusClass, k -> Timer.builder("tessera_http_requests")
                .tag("route", route).tag("status", statusClass).serviceLevelObjectives(LATENCY_SLOS).register(registry));
    }

    /** The counter {@link #cacheLookup} increments, to look up once. */
    public Counter cacheLookupCounter(String tier, String result) {
        return Counter.builder("tessera_cache_lookups").tag("tier", tier).tag("result", result).register(registry);
    }

    /** The stages of one request, in milliseconds. */
    public void stages(Map<String, Double> millis) {
        millis.forEach((stage, ms) -> timers.computeIfAbsent("stage " + stage, k -> Timer.builder("tessera_stage")
                .tag("stage", stage).serviceLevelObjectives(LATENCY_SLOS).register(registry))
                .record((long) (ms * 1e6), TimeUnit.NANOSECONDS));
    }

    /** A rendition lookup: tier {@code memory|store} with result {@code hit|miss}, or {@code collapsed} (joined a render). */
    public void cacheLookup(String tier, String result) {
        Counter.builder("tessera_cache_lookups").tag("tier", tier).tag("result", result).register(registry).increment();
    }

    /** A request refused for a reason: overload, limits, signature, quota, auth. */
    public void rejection(String reason) {
        rejectionCounter(reason).increment();
    }

    /** The counter {@link #rejection} increments, to look up once. */
    public Counter rejectionCounter(String reason) {
        return Counter.builder("tessera_rejections").tag("reason", reason).register(registry);
    }

    /** A remote source refused by the SSRF rules: {@code tessera_remote_refusals_total{class}}. */
    public void remoteRefusal(String addressClass) {
        Counter.builder("tessera_remote_refusals").tag("class", addressClass).register(registry).increment();
    }

    /** Time a render waited for a thread. */
    public void queueWait(long nanos) {
        Timer.builder("tessera_render_queue_wait").serviceLevelObjectives(LATENCY_SLOS).register(registry)
                .record(Duration.ofNanos(nanos));
    }

    /** A remote source lookup by how it was answered: hit, stale, revalidated, miss, or an error kind. */
    public void remoteFetch(String result) {
        Counter.builder("tessera_remote_fetches").tag("result", result).register(registry).increment();
    }

    /** How long an origin took to answer one fetch, by outcome ({@code ok}, {@code not_modified}, an error kind). */
    public void originLatency(String outcome, long nanos) {
        timers.computeIfAbsent("origin " + outcome, k -> Timer.builder("tessera_remote_origin").tag("outcome", outcome)
                .serviceLevelObjectives(LATENCY_SLOS).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** An origin's breaker state (0 closed, 1 open, 2 half-open), registered when it first trips. */
    public <T> void watchBreaker(String origin, T breaker, java.util.function.ToDoubleFunction<T> state) {
        Gauge.builder("tessera_remote_breaker_state", breaker, state).tag("origin", origin).register(registry);
    }

    /** An access log line dropped because its writer fell behind. */
    public void accessLogDropped() {
        Counter.builder("tessera_access_log_dropped").register(registry).increment();
    }

    public String scrape() {
        bindJvmMeters();
        return registry.scrape();
    }

    private static double residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024.0;
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
