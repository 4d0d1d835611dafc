package dev.tessera.loadtest;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "loadtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Replay a list of URLs or an access log against a server; report throughput, latency "
                + "percentiles, statuses, X-Cache hits and errors.")
public final class LoadtestCommand implements Callable<Integer> {
    private static final Pattern CREDENTIALS =
            Pattern.compile("(?i)\\s*(authorization|proxy-authorization|cookie)\\s*:.*");

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @ArgGroup(multiplicity = "1")
    Load load;

    static final class Load {
        @Option(names = "--concurrency", required = true, paramLabel = "N",
                description = "Closed loop: N workers, each sending its next request when its last answer is in.")
        Integer concurrency;

        @Option(names = "--rate", required = true, paramLabel = "R",
                description = "Open loop: R requests per second on a fixed schedule, latency counted from the "
                        + "scheduled time.")
        Double rate;
    }

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long to send requests (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--requests", paramLabel = "N", description = "Stop after N requests (default: no limit).")
    long maxRequests = Long.MAX_VALUE;

    @Option(names = "--max-in-flight", defaultValue = "10000", paramLabel = "N",
            description = "Open loop: most requests awaiting their answer at once (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--report", paramLabel = "PREFIX", description = "Write PREFIX.json and PREFIX.html.")
    String report;

    @Override
    public Integer call() throws Exception {
        boolean closed = load.concurrency != null;
        if (closed ? load.concurrency < 1 : !(load.rate > 0)) usage("--concurrency and --rate must be positive");
        if (maxRequests < 1 || maxInFlight < 1) usage("--requests and --max-in-flight must be positive");
        UrlSource.Urls urls = target.load();
        LoadResult.Setup setup = new LoadResult.Setup(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                closed ? "closed" : "open", target.base.toString(), target.urls.toString(), urls.format().toString(),
                urls.list().size(), urls.skipped(), load.concurrency, load.rate, duration.toMillis() / 1000.0,
                redacted(target.headers));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s; %,d URLs from %s (%s)%n", TextReport.describe(setup), setup.urls(), setup.urlsFile(),
                setup.format());
        out.flush();

        Fetcher fetcher = target.fetcher();
        Recorder recorder = new Recorder();
        OpenLoop.Schedule schedule = null;
        try (fetcher; var progress = new Progress(out, s -> progressLine(recorder, s))) {
            if (closed) {
                ClosedLoop.run(urls, fetcher, recorder, load.concurrency, maxRequests, duration.toNanos());
            } else {
                schedule = OpenLoop.run(urls, fetcher, recorder, load.rate, maxInFlight, maxRequests,
                        duration.toNanos());
            }
        }
        LoadResult result = recorder.result(setup, schedule);
        TextReport.print(result, out);
        if (report != null) {
            Reports.write(report, result);
            out.printf("%nReport: %s.json, %s.html%n", report, report);
            out.flush();
        }
        return 0;
    }

    /** Closes a second of the series and describes the run so far. */
    private static String progressLine(Recorder recorder, long seconds) {
        LoadResult.Second last = recorder.tick();
        return String.format(Locale.ROOT, "%5ds  %,12d requests  %,10.1f req/s  p99 %,10.3f ms", seconds,
                recorder.requests(), last.perSecond(), recorder.p99());
    }

    /** The headers with the values of credentials hidden, as they go into report files. */
    static List<String> redacted(List<String> headers) {
        return headers.stream().map(h -> CREDENTIALS.matcher(h).matches() ? h.replaceFirst(":.*", ": (hidden)") : h)
                .toList();
    }

    private void usage(String message) {
        throw new ParameterException(spec.commandLine(), message);
    }
}
