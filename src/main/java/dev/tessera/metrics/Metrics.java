package dev.tessera.metrics;

import dev.tessera.config.Build;
import dev.tessera.processing.RenderPool;
import dev.tessera.vips.Vips;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;

/** The service's meters, scraped at {@code /metrics} in Prometheus text format. */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Metrics(RenderPool pool) {
        new JvmMemoryMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("tessera_build_info", () -> 1).tag("version", Build.version())
                .tag("vips", Vips.version()).register(registry);
        Gauge.builder("tessera_renders_in_flight", pool::active).register(registry);
        Gauge.builder("tessera_render_queue_depth", pool::queued).register(registry);
        Gauge.builder("tessera_vips_tracked_bytes", Vips::trackedMemory).register(registry);
    }

    /** One finished HTTP request. */
    public void request(String route, int status, long nanos) {
        Timer.builder("tessera_http_requests").tag("route", route).tag("status", status / 100 + "xx")
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos(nanos));
    }

    /** The stages of one render, in milliseconds. */
    public void stages(Map<String, Double> millis) {
        millis.forEach((stage, ms) -> Timer.builder("tessera_stage").tag("stage", stage)
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos((long) (ms * 1e6))));
    }

    public String scrape() {
        return registry.scrape();
    }
}
