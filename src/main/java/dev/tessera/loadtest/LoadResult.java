package dev.tessera.loadtest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Everything one load test measured: the JSON report as is, and what the text and HTML reports show.
 * Latencies are in milliseconds (recorded in microseconds).
 *
 * @param requests answers plus errors
 * @param throughput requests per second of {@code elapsedSeconds}, which includes waiting for the last answers
 * @param cache responses by {@code X-Cache} value ({@code none} when absent)
 * @param cacheRatio the same as shares of all responses
 * @param hitRatio share of the responses with an {@code X-Cache} header that were a hit of any tier; null when
 *     no response had one
 * @param errors requests that got no answer, by kind (connect, connect-timeout, timeout, io)
 * @param schedule open loop only
 * @param series one entry per second
 * @param distribution latency by percentile, for a percentile plot
 */
record LoadResult(
        Setup setup,
        double elapsedSeconds,
        long requests,
        long responses,
        double throughput,
        long bytes,
        Latency latency,
        Map<String, Long> statuses,
        Map<String, Long> cache,
        Map<String, Double> cacheRatio,
        Double hitRatio,
        Map<String, Long> errors,
        @JsonInclude(JsonInclude.Include.NON_NULL) OpenLoop.Schedule schedule,
        List<Second> series,
        List<Percentile> distribution) {

    /** How the test was run; {@code concurrency} for a closed loop, {@code rate} for an open one. */
    record Setup(String started, String mode, String base, String urlsFile, String format, int urls,
            int skippedLines,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer concurrency,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double rate,
            double durationSeconds, List<String> headers) {}

    record Latency(double p50, double p90, double p99, double p999, double max, double mean) {}

    /** The second ending at {@code t} seconds from the start. */
    record Second(double t, long requests, long errors, double perSecond, double p50, double p99, double max) {}

    record Percentile(double percentile, double latency) {}
}
