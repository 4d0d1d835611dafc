package dev.tessera.processing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/** How long each stage of one request took, in the order the stages ran. Used by one thread at a time. */
public final class StageTimings {
    private final Map<String, Long> nanos = new LinkedHashMap<>();

    public <T> T time(String stage, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            record(stage, System.nanoTime() - start);
        }
    }

    public void record(String stage, long elapsedNanos) {
        nanos.merge(stage, elapsedNanos, Long::sum);
    }

    /** Stage name to milliseconds. */
    public Map<String, Double> millis() {
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.forEach((stage, n) -> out.put(stage, n / 1e6));
        return out;
    }

    /** The value of a {@code Server-Timing} header, e.g. {@code decode;dur=8.0, encode;dur=4.4}. */
    public String serverTiming() {
        StringJoiner header = new StringJoiner(", ");
        nanos.forEach((stage, n) -> header.add(String.format(Locale.ROOT, "%s;dur=%.1f", stage, n / 1e6)));
        return header.toString();
    }
}
