package dev.tessera.loadtest;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "warm", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Request every URL of a list or access log once, to fill the caches. "
                + "Exit code 0 when every answer was a 2xx or 304, 1 otherwise.")
public final class WarmCommand implements Callable<Integer> {
    static final int SHOWN_FAILURES = 10;
    private static final int BAR_WIDTH = 30;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--concurrency", defaultValue = "8", paramLabel = "N",
            description = "Requests at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    /** A URL that got an error status or no answer: {@code reason} is the status or the error kind. */
    record Failure(URI uri, String reason) {}

    /** Counts the answers and keeps the failures. */
    static final class Tally implements Sink {
        final AtomicInteger done = new AtomicInteger();
        final Queue<Failure> failures = new ConcurrentLinkedQueue<>();

        @Override
        public void record(long startNanos, URI uri, Fetcher.Outcome outcome) {
            if (!outcome.isSuccess()) {
                failures.add(new Failure(uri, outcome.isError() ? outcome.error() : String.valueOf(outcome.status())));
            }
            done.incrementAndGet();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1) throw new ParameterException(spec.commandLine(), "--concurrency must be positive");
        UrlSource.Urls all = target.load();
        UrlSource.Urls urls = all.distinct();
        int total = urls.list().size();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Warming %,d URLs from %s (%s; repeats: %,d, lines skipped: %,d), %d at a time%n", total,
                target.urls, urls.format(), all.list().size() - total, urls.skipped(), concurrency);
        out.flush();

        Fetcher fetcher = target.fetcher();
        Tally tally = new Tally();
        long start = System.nanoTime();
        try (fetcher; var progress = new Progress(out, s -> bar(tally, total))) {
            ClosedLoop.run(urls, fetcher, tally, concurrency, total, Long.MAX_VALUE);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int failed = tally.failures.size();
        out.printf(Locale.ROOT, "Warmed %,d of %,d URLs in %.1f s", total - failed, total, seconds);
        if (failed == 0) {
            out.println(".");
        } else {
            Map<String, Long> reasons = tally.failures.stream()
                    .collect(Collectors.groupingBy(Failure::reason, TreeMap::new, Collectors.counting()));
            out.printf("; %,d failed (%s):%n", failed, TextReport.counts(reasons));
            tally.failures.stream().limit(SHOWN_FAILURES).forEach(f -> out.printf("  %-16s %s%n", f.reason(), f.uri()));
            if (failed > SHOWN_FAILURES) out.printf("  ... and %,d more%n", failed - SHOWN_FAILURES);
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private static String bar(Tally tally, int total) {
        int done = tally.done.get();
        int filled = (int) ((long) done * BAR_WIDTH / total);
        return String.format(Locale.ROOT, "[%s%s] %,d/%,d %3d%%  %,d failed", "#".repeat(filled),
                ".".repeat(BAR_WIDTH - filled), done, total, (long) done * 100 / total, tally.failures.size());
    }
}
