package dev.tessera.loadtest;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Counts what the requests of a load test got: latencies of the answers in microseconds (3 significant
 * digits), statuses, {@code X-Cache} values, bytes and errors; and, on each {@link #tick()}, one entry of
 * the per-second series.
 */
final class Recorder implements Sink {
    private static final List<String> CACHE_VALUES =
            List.of("hit-memory", "hit-store", "hit-collapsed", "miss", "none");

    private final long startNanos = System.nanoTime();
    private final org.HdrHistogram.Recorder latencies = new org.HdrHistogram.Recorder(3);
    private final Map<Integer, LongAdder> statuses = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> caches = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentSkipListMap<>();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder errorCount = new LongAdder();

    // owned by tick()
    private final Histogram total = new Histogram(3);
    private final List<LoadResult.Second> series = new ArrayList<>();
    private Histogram interval;
    private long lastTickNanos = startNanos;
    private long errorsBefore;

    @Override
    public void record(long startNanos, URI uri, Fetcher.Outcome outcome) {
        if (outcome.isError()) {
            count(errors, outcome.error());
            errorCount.increment();
            return;
        }
        latencies.recordValue(Math.max(0, (System.nanoTime() - startNanos) / 1000));
        count(statuses, outcome.status());
        count(caches, outcome.cache());
        bytes.add(outcome.bytes());
    }

    private static <K> void count(Map<K, LongAdder> counts, K key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Ends the current interval (normally a second) and returns its entry of the series. */
    synchronized LoadResult.Second tick() {
        long now = System.nanoTime();
        interval = latencies.getIntervalHistogram(interval);
        total.add(interval);
        long errorsNow = errorCount.sum();
        long requests = interval.getTotalCount() + errorsNow - errorsBefore;
        double perSecond = requests / Math.max(seconds(now - lastTickNanos), 1e-3);
        LoadResult.Second second = new LoadResult.Second(round(seconds(now - startNanos), 3), requests,
                errorsNow - errorsBefore, round(perSecond, 1), ms(interval.getValueAtPercentile(50)),
                ms(interval.getValueAtPercentile(99)), ms(interval.getMaxValue()));
        series.add(second);
        errorsBefore = errorsNow;
        lastTickNanos = now;
        return second;
    }

    /** Requests finished up to the last tick. */
    synchronized long requests() {
        return total.getTotalCount() + errorsBefore;
    }

    /** The 99th percentile up to the last tick, in milliseconds. */
    synchronized double p99() {
        return ms(total.getValueAtPercentile(99));
    }

    /** Closes the last interval and sums everything up. */
    synchronized LoadResult result(LoadResult.Setup setup, OpenLoop.Schedule schedule) {
        tick();
        double elapsed = seconds(lastTickNanos - startNanos);
        long responses = total.getTotalCount();
        long requests = responses + errorsBefore;

        Map<String, Long> cache = new LinkedHashMap<>();
        CACHE_VALUES.forEach(v -> cache.put(v, 0L));
        caches.forEach((value, n) -> cache.put(value, n.sum()));
        Map<String, Double> cacheRatio = new LinkedHashMap<>();
        cache.forEach((value, n) -> cacheRatio.put(value, ratio(n, responses)));
        long hits = cache.entrySet().stream().filter(e -> e.getKey().startsWith("hit"))
                .mapToLong(Map.Entry::getValue).sum();

        List<LoadResult.Percentile> distribution = new ArrayList<>();
        for (HistogramIterationValue v : total.percentiles(5)) {
            distribution.add(new LoadResult.Percentile(v.getPercentileLevelIteratedTo(), ms(v.getValueIteratedTo())));
        }
        LoadResult.Latency latency = new LoadResult.Latency(ms(total.getValueAtPercentile(50)),
                ms(total.getValueAtPercentile(90)), ms(total.getValueAtPercentile(99)),
                ms(total.getValueAtPercentile(99.9)), ms(total.getMaxValue()), Math.round(total.getMean()) / 1000.0);
        long withHeader = responses - cache.get("none");
        Double hitRatio = withHeader == 0 ? null : ratio(hits, withHeader);
        return new LoadResult(setup, round(elapsed, 3), requests, responses,
                round(requests / Math.max(elapsed, 1e-3), 1), bytes.sum(), latency, sums(statuses), cache, cacheRatio,
                hitRatio, sums(errors), schedule, List.copyOf(series), distribution);
    }

    private static <K> Map<String, Long> sums(Map<K, LongAdder> counts) {
        Map<String, Long> sums = new LinkedHashMap<>();
        counts.forEach((key, n) -> sums.put(String.valueOf(key), n.sum()));
        return sums;
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : round((double) part / whole, 4);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
