package harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Server-side times: the {@code durationMs} of the server's own access log lines (request in to answer out). */
public final class AccessLog {
    private static final Pattern LINE = Pattern.compile(
            "\"time\":\"([^\"]+)\".*?\"path\":\"([^\"]*)\".*?\"status\":(\\d+).*?\"durationMs\":([0-9.]+)");

    private AccessLog() {}

    /** "n=.. p50=.. p90=.. p99=.. max=.." of the answers with {@code status} to paths starting {@code pathPrefix} since {@code from}. */
    public static String durations(Path log, Instant from, String pathPrefix, int status) throws IOException {
        double[] ms;
        try (Stream<String> lines = Files.lines(log)) {
            ms = lines.map(LINE::matcher).filter(Matcher::find)
                    .filter(m -> m.group(2).startsWith(pathPrefix) && Integer.parseInt(m.group(3)) == status
                            && !Instant.parse(m.group(1)).isBefore(from))
                    .mapToDouble(m -> Double.parseDouble(m.group(4))).sorted().toArray();
        }
        return String.format(Locale.ROOT, "n=%d p50=%s p90=%s p99=%s max=%s", ms.length, fine(Stats.rank(ms, 0.5)),
                fine(Stats.rank(ms, 0.9)), fine(Stats.rank(ms, 0.99)), fine(ms.length == 0 ? Double.NaN : ms[ms.length - 1]));
    }

    /** The p99 alone, in ms (NaN when none). */
    public static double p99(Path log, Instant from, String pathPrefix, int status) throws IOException {
        String line = durations(log, from, pathPrefix, status);
        Matcher m = Pattern.compile("p99=([0-9.]+) (ms|s)").matcher(line);
        return m.find() ? Double.parseDouble(m.group(1)) * (m.group(2).equals("s") ? 1000 : 1) : Double.NaN;
    }

    /** Tenths of a millisecond below 10 ms: server-side refusals are that fast. */
    private static String fine(double ms) {
        return !Double.isNaN(ms) && ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : Stats.ms(ms);
    }
}
