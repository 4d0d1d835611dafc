package dev.tessera.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void theJvmMetersAreBoundOffTheConstructorAndListedByTheFirstScrape() {
        Metrics metrics = new Metrics();
        assertThat(metrics.registry().find("jvm.memory.used").gauges()).as("bound by the constructor").isEmpty();

        assertThat(metrics.scrape()).contains("jvm_memory_used_bytes{", "jvm_gc_memory_allocated_bytes_total",
                "jvm_threads_live_threads", "system_cpu_count", "process_cpu_usage", "tessera_vips_tracked_bytes",
                "process_resident_memory_bytes");
    }
}
