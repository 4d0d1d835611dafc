import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/remote: (1) the render capacity C (closed loop, sources cached), then WARMUP_SECONDS (20) of the load of
 * (4), unmeasured, then C again; (2) fast-origin requests alone at a low
 * rate (unloaded); (3) the fast half of (4) alone; (4) an open loop at 10 x C for SECONDS, half to a fast origin,
 * half to one that answers in 2 s, with /health probed every 100 ms; (5) a Zipf list of 500 URLs, 2,000 requests
 * at concurrency 16, with the source cache and without it (TTLs 0: every request asks the origin, concurrent ones
 * collapsed). Tessera runs in a process of its own (`tessera serve` from the build), pinned by `taskset` to the
 * CPUs in SERVER_CPUS; this JVM (origins and load generator) is pinned by bench/remote/run to CLIENT_CPUS, so the
 * figures measure the server, not the generator. Args: CORPUS [seconds]. Loopback only (PORT_BASE + 1..12);
 * every phase bounded in requests and time. The origins give every URL distinct bytes (see Origin). PROFILE_DIR:
 * JFR and per-thread CPU of the server over the warm-up and phases (3) and (4) (see PhaseProfile). Latencies run
 * from each request's due time in the open loop's schedule (since 2026-12-02 14:00; before, from when its thread
 * sent it), so the generator's lateness is in them and reported apart; a per-second timeline shows where a tail sits.
 */
public class RemoteBench {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern FETCH = Pattern.compile("fetch;dur=([0-9.]+)");
    static final Pattern RENDER_STAGE = Pattern.compile("(?:decode|transform|encode);dur=([0-9.]+)");
    /** A miss's "store" stage: the rendition's cache write after the render (the wait for a render thread is not in it). */
    static final Pattern STORE = Pattern.compile("store;dur=([0-9.]+)");
    /** The wait for a render thread (a build without this stage: -1). */
    static final Pattern QUEUE = Pattern.compile("queue;dur=([0-9.]+)");
    static final String SERVER_CPUS = System.getenv().getOrDefault("SERVER_CPUS", "1");
    /** The mixed load run unmeasured before the measured phases (0: none, the shape before 2026-12-02 04:30). */
    static final int WARMUP_SECONDS = Integer.parseInt(System.getenv().getOrDefault("WARMUP_SECONDS", "40"));
    /** ZIPF=off skips the Zipf phase (for a second run of the load phases). */
    static final boolean ZIPF = !"off".equals(System.getenv("ZIPF"));
    /** The first of the 20 loopback ports the bench uses (servers from +1, origins from +10). */
    static final int PORTS = Integer.parseInt(System.getenv().getOrDefault("PORT_BASE", "19200"));
    /** Unloaded fast-origin requests at 5 req/s: 300 (60 s) so the p99 is not the maximum (60 before 2026-12-02 08:30). */
    static final int UNLOADED_SAMPLES = Integer.parseInt(System.getenv().getOrDefault("UNLOADED_SAMPLES", "300"));
    /** RATE: the loaded phases' open loop in req/s (default 10 x C as measured), to load two trees alike. */
    static final String RATE = System.getenv("RATE");

    /**
     * ms: from the request's intended send time (its slot in the open loop's schedule) to the answer, so the
     * generator's own lateness counts (no coordinated omission); lateMs: how late the generator actually sent it.
     * renderMs: decode + transform + encode from Server-Timing (on the render thread), -1 when absent.
     */
    record Sample(String kind, int status, double ms, double fetchMs, String tier, double renderMs, double sentS,
                  double storeMs, double lateMs, double queueMs, boolean fetched) {}

    public static void main(String[] args) throws Exception {
        byte[] photo = Files.readAllBytes(Path.of(args[0], "photos", "ladybird.jpg"));
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        AtomicInteger fastHits = new AtomicInteger();
        AtomicInteger slowHits = new AtomicInteger();
        System.out.printf("Tessera pinned to CPUs %s (taskset); origins + generator: %s%n", SERVER_CPUS,
                new String(new ProcessBuilder("taskset", "-cp", "" + ProcessHandle.current().pid()).start()
                        .getInputStream().readAllBytes()).strip());
        try (Origin fast = new Origin(photo, 0, fastHits, PORTS + 10, Origin.DISTINCT);
             Origin slow = new Origin(photo, 2000, slowHits, PORTS + 11, Origin.DISTINCT);
             Origin same = new Origin(photo, 0, new AtomicInteger(), PORTS + 12, false)) {
            try (Server server = new Server(PORTS + 1, null)) {
                String base = server.base;
                for (int i = 0; i < 20; i++) get(base + remote(fast, "/warm", "w=" + width(i))); // JIT, source cache
                double capacity = renderCapacity(base, fast, 100);
                if (WARMUP_SECONDS > 0) {
                    int warmRate = (int) Math.max(10, Math.round(10 * capacity));
                    System.out.printf("warm-up: the mixed load (%d req/s) for %d s, not measured, so the server's "
                            + "request paths are compiled as after minutes of traffic%n", warmRate, WARMUP_SECONDS);
                    try (PhaseProfile p = PhaseProfile.start(server.process.pid(), "warm-up")) {
                        openLoop(base, fast, slow, warmRate, WARMUP_SECONDS, true);
                    }
                    Thread.sleep(5000); // the warm-up's last renders (after 2 s fetches) leave the queue
                    capacity = renderCapacity(base, fast, 140); // new widths: renders, not hits
                }
                System.out.printf("render capacity C = %.1f renders/s (closed loop, 4 clients, source cached); "
                        + "origin bytes %s per URL%n", capacity, Origin.DISTINCT ? "distinct" : "the same");
                List<Sample> unloaded = openLoop(base, fast, slow, 5, UNLOADED_SAMPLES / 5.0, false);
                int rate = RATE != null ? Integer.parseInt(RATE) : (int) Math.max(10, Math.round(10 * capacity));
                List<Sample> fastOnly;
                try (PhaseProfile p = PhaseProfile.start(server.process.pid(), "fast-alone")) {
                    fastOnly = openLoop(base, fast, slow, rate / 2, seconds, false);
                }
                List<Sample> loaded;
                try (PhaseProfile p = PhaseProfile.start(server.process.pid(), "mixed")) {
                    loaded = openLoop(base, fast, slow, rate, seconds, true);
                }
                report(unloaded, fastOnly, loaded, rate, seconds, slowHits.get());
            }
            if (ZIPF) zipfPhase(same);
        }
        System.exit(0);
    }

    /**
     * The width of request {@code i} of any phase: 50..1049, each once per 1,000, spread so that any run of
     * requests (the 300 unloaded ones, C's 40) has the mix of the loaded phase. Before 2026-12-02 12:10 it was
     * 50 + i % 1000: the unloaded phase then asked only 50..349 px (JPEG shrink-on-load by 8 from 2560 px, the
     * cheapest renders) and C was measured on 140..179 px, while the loaded phase asked 50..1049 px.
     */
    static int width(int i) {
        return 50 + (int) ((i * 919L) % 1000);
    }

    static String remote(Origin origin, String path, String query) {
        return "/remote?url=" + URLEncoder.encode(origin.url(path), StandardCharsets.UTF_8) + "&" + query;
    }

    static double renderCapacity(String base, Origin fast, int firstWidth) throws Exception {
        int n = 40;
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clients.add(Thread.ofVirtual().start(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) get(base + remote(fast, "/warm", "w=" + width(firstWidth + i)));
            }));
        }
        for (Thread t : clients) t.join();
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Requests at {@code rate}/s for {@code seconds}: fast-origin URLs, and slow-origin ones too when {@code mixed}. */
    static List<Sample> openLoop(String base, Origin fast, Origin slow, int rate, double seconds, boolean mixed)
            throws Exception {
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        int total = (int) (rate * seconds);
        long start = System.nanoTime();
        long tag = System.nanoTime();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread health = Thread.ofVirtual().start(() -> {
            // a flag, not the interrupt alone: an interrupt landing in a probe's send is swallowed by timed()
            while (!done.get()) {
                long now = System.nanoTime();
                samples.add(timed("health", base + "/health", (now - start) / 1e9, now));
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            while (System.nanoTime() < due) Thread.sleep(0, 200_000);
            boolean toSlow = mixed && i % 2 == 1;
            String url = base + remote(toSlow ? slow : fast, "/p" + tag + "-" + i + ".jpg", "w=" + width(i));
            String kind = toSlow ? "slow" : "fast";
            double sentS = (due - start) / 1e9;
            long dueNanos = due;
            pending.add(CompletableFuture.runAsync(() -> samples.add(timed(kind, url, sentS, dueNanos)),
                    Thread::startVirtualThread));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get((long) seconds + 60, TimeUnit.SECONDS);
        done.set(true);
        health.interrupt();
        health.join();
        return new ArrayList<>(samples);
    }

    static void report(List<Sample> unloaded, List<Sample> fastOnly, List<Sample> loaded, int rate, int seconds,
                       int slowHits) {
        System.out.printf("%nopen loop %d req/s for %d s (half fast origin, half 2 s origin); the same fast load "
                + "alone (%d req/s); unloaded: 5 req/s fast only, %d requests%n", rate, seconds, rate / 2,
                UNLOADED_SAMPLES);
        System.out.println("| phase | origin | requests | 200 | 503 | 504/502 | p50 ms (200s) | p99 ms (200s) "
                + "| p99 ms (all answers) | fetch p99 ms (200s) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        row("unloaded", "fast", unloaded);
        row("fast load alone", "fast", fastOnly);
        row("fast load alone", "health", fastOnly);
        row("loaded", "fast", loaded);
        row("loaded", "slow", loaded);
        row("loaded", "health", loaded);
        double p99Unloaded = pct(ms(unloaded, "fast", true), 99);
        double p99Loaded = pct(ms(loaded, "fast", true), 99);
        System.out.printf("fast origin p99 loaded/unloaded = %.2fx (200s), %.2fx (all answers); fetch-stage p99 "
                + "loaded/unloaded = %.2fx; slow-origin requests that reached it: %d%n", p99Loaded / p99Unloaded,
                pct(ms(loaded, "fast", false), 99) / pct(ms(unloaded, "fast", false), 99),
                pct(fetch(loaded, "fast"), 99) / Math.max(0.01, pct(fetch(unloaded, "fast"), 99)), slowHits);
        System.out.printf("the slow origin's effect on the fast one (mixed vs the same fast load alone): p99 %.2fx, "
                + "fetch p99 %.2fx, share of 200s %.2f vs %.2f%n", p99Loaded / pct(ms(fastOnly, "fast", true), 99),
                pct(fetch(loaded, "fast"), 99) / Math.max(0.01, pct(fetch(fastOnly, "fast"), 99)),
                okShare(loaded), okShare(fastOnly));
        System.out.printf("fast-origin 503s after their source was had (X-Source-Cache set: fetched, then refused a "
                + "render): fast load alone %d of %d, mixed %d of %d%n", fetchedThenRefused(fastOnly),
                ms(fastOnly, "fast", false).size(), fetchedThenRefused(loaded), ms(loaded, "fast", false).size());
        System.out.printf("fast-origin 200s by X-Cache (MISS: rendered for this request): unloaded %s, fast load "
                + "alone %s, mixed %s%n", tiers(unloaded), tiers(fastOnly), tiers(loaded));
        System.out.println(spread("unloaded", ms(unloaded, "fast", true)));
        System.out.println(spread("loaded", ms(loaded, "fast", true)));
        System.out.println(parts("unloaded", unloaded));
        System.out.println(parts("loaded", loaded));
        System.out.println(slowest("fast load alone", fastOnly));
        System.out.println(slowest("loaded", loaded));
        System.out.println(lateness("unloaded", unloaded));
        System.out.println(lateness("fast load alone", fastOnly));
        System.out.println(lateness("loaded", loaded));
        System.out.print(timeline("fast load alone", fastOnly, seconds));
        System.out.print(timeline("loaded", loaded, seconds));
        System.out.printf("fast origin loaded/unloaded, 200s: p50 %.2fx, p95 %.2fx, p99 %.2fx%n",
                pct(ms(loaded, "fast", true), 50) / pct(ms(unloaded, "fast", true), 50),
                pct(ms(loaded, "fast", true), 95) / pct(ms(unloaded, "fast", true), 95), p99Loaded / p99Unloaded);
    }

    /** Fast 200s' time split: render stages on the render thread, the cache write, and the rest less the fetch. */
    static String parts(String phase, List<Sample> samples) {
        List<Sample> ok = samples.stream().filter(s -> s.kind.equals("fast") && s.status == 200 && s.renderMs >= 0).toList();
        List<Double> render = ok.stream().map(Sample::renderMs).toList();
        List<Double> rest = ok.stream().map(s -> s.ms - s.renderMs - Math.max(0, s.fetchMs)).toList();
        List<Double> store = ok.stream().map(s -> Math.max(0, s.storeMs)).toList();
        List<Double> other = ok.stream().map(s -> s.ms - s.renderMs - Math.max(0, s.fetchMs) - Math.max(0, s.storeMs))
                .toList();
        String split = String.format("fast 200s %s: render stages p50 %.1f p99 %.1f ms; rest less fetch (queue + HTTP) p50 %.1f "
                + "p99 %.1f ms, of which the cache write (store stage) p50 %.1f p99 %.1f ms, and the rest "
                + "(render-pool wait, HTTP, parsing, handler) p50 %.1f p99 %.1f ms", phase, pct(render, 50), pct(render, 99), pct(rest, 50),
                pct(rest, 99), pct(store, 50), pct(store, 99), pct(other, 50), pct(other, 99));
        if (ok.stream().anyMatch(s -> s.queueMs < 0)) return split; // a build without the queue stage
        List<Double> queue = ok.stream().map(Sample::queueMs).toList();
        List<Double> handling = ok.stream().map(s -> s.ms - s.renderMs - s.fetchMs - Math.max(0, s.storeMs) - s.queueMs)
                .toList();
        return split + String.format("; the render-pool wait (queue stage) p50 %.1f p95 %.1f p99 %.1f ms, what is left "
                + "(HTTP, handler, client) p50 %.1f p99 %.1f ms", pct(queue, 50), pct(queue, 95), pct(queue, 99),
                pct(handling, 50), pct(handling, 99));
    }

    /**
     * When the slowest 2 % of fast 200s were sent (s into the phase): a tail at the phase's start is its onset; and
     * what each was made of: render-pool wait (q), render stages (r), the rest (fetch, HTTP, handler).
     */
    static String slowest(String phase, List<Sample> samples) {
        List<Sample> ok = samples.stream().filter(s -> s.kind.equals("fast") && s.status == 200)
                .sorted(java.util.Comparator.comparingDouble(Sample::ms).reversed()).toList();
        return String.format("fast 200s %s, the slowest 2 %% (ms @ s sent: q wait + r render + rest): %s", phase,
                ok.stream().limit(Math.max(1, ok.size() / 50)).map(s -> String.format("%.0f@%.1f: q%.0f+r%.0f+%.0f",
                        s.ms, s.sentS, s.queueMs, s.renderMs, s.ms - Math.max(0, s.queueMs) - Math.max(0, s.renderMs)))
                        .toList());
    }

    /** How late the generator sent the phase's requests (latencies include it: they run from the due time). */
    static String lateness(String phase, List<Sample> samples) {
        List<Double> late = samples.stream().filter(s -> s.sentS >= 0 && !s.kind.equals("health")).map(Sample::lateMs).toList();
        return String.format("generator lateness %s (sent after the due time): p50 %.2f p99 %.2f max %.1f ms, n=%d",
                phase, pct(late, 50), pct(late, 99), pct(late, 100), late.size());
    }

    /**
     * Per second of the phase (by due time): fast requests, their 200s and 503s, the 200s' p50/p99/max (ms from the
     * due time), the slow origin's 200s, the slowest /health probe and the generator's worst lateness.
     */
    static String timeline(String phase, List<Sample> samples, int seconds) {
        StringBuilder out = new StringBuilder(String.format("timeline %s, per second sent: fast n / 200 / 503 / "
                + "p50 / p99 / max ms (200s) | their render stages max, render-pool wait max ms | slow 200s | health max ms "
                + "| generator late max ms%n", phase));
        for (int s = 0; s < seconds; s++) {
            int second = s;
            List<Sample> in = samples.stream().filter(x -> x.sentS >= second && x.sentS < second + 1).toList();
            List<Sample> fast = in.stream().filter(x -> x.kind.equals("fast")).toList();
            List<Double> ok = ms(fast, "fast", true);
            long busy = fast.stream().filter(x -> x.status == 503).count();
            long slowOk = in.stream().filter(x -> x.kind.equals("slow") && x.status == 200).count();
            double health = pct(ms(in, "health", false), 100);
            double late = pct(in.stream().filter(x -> !x.kind.equals("health")).map(Sample::lateMs).toList(), 100);
            List<Sample> fastOk = fast.stream().filter(x -> x.status == 200).toList();
            double render = pct(fastOk.stream().map(Sample::renderMs).toList(), 100);
            double queue = pct(fastOk.stream().map(Sample::queueMs).toList(), 100);
            out.append(String.format("  %2d s: %3d / %3d / %3d / %5.0f / %5.0f / %5.0f | %4.0f, %4.0f | %2d | %4.0f | %4.1f%n",
                    s, fast.size(), ok.size(), busy, pct(ok, 50), pct(ok, 99), pct(ok, 100), render, queue, slowOk, health,
                    late));
        }
        return out.toString();
    }

    /** n, p50/p95/p99 and which order statistic the p99 is (1st largest: the p99 is the maximum). */
    static String spread(String phase, List<Double> ms) {
        int rank = ms.size() - (int) Math.min(ms.size() - 1, Math.ceil(0.99 * ms.size()) - 1);
        return String.format("fast 200s %s: n=%d p50 %.1f p95 %.1f p99 %.1f ms (p99 = #%d largest%s)", phase,
                ms.size(), pct(ms, 50), pct(ms, 95), pct(ms, 99), rank, rank == 1 ? ", the maximum" : "");
    }

    static Map<String, Long> tiers(List<Sample> samples) {
        return samples.stream().filter(s -> s.kind.equals("fast") && s.status == 200)
                .collect(java.util.stream.Collectors.groupingBy(Sample::tier, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
    }

    static long fetchedThenRefused(List<Sample> samples) {
        return samples.stream().filter(s -> s.kind.equals("fast") && s.status == 503 && s.fetched).count();
    }

    static double okShare(List<Sample> samples) {
        List<Sample> fast = samples.stream().filter(s -> s.kind.equals("fast")).toList();
        return fast.stream().filter(s -> s.status == 200).count() / (double) Math.max(1, fast.size());
    }

    static void row(String phase, String kind, List<Sample> samples) {
        List<Sample> of = samples.stream().filter(s -> s.kind.equals(kind)).toList();
        long ok = of.stream().filter(s -> s.status == 200).count();
        long busy = of.stream().filter(s -> s.status == 503).count();
        long failed = of.stream().filter(s -> s.status == 504 || s.status == 502).count();
        List<Double> ms = ms(samples, kind, true);
        System.out.printf("| %s | %s | %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f |%n", phase, kind, of.size(), ok,
                busy, failed, pct(ms, 50), pct(ms, 99), pct(ms(samples, kind, false), 99), pct(fetch(samples, kind), 99));
    }

    static List<Double> ms(List<Sample> samples, String kind, boolean okOnly) {
        return samples.stream().filter(s -> s.kind.equals(kind) && (!okOnly || s.status == 200)).map(Sample::ms).toList();
    }

    static List<Double> fetch(List<Sample> samples, String kind) {
        return samples.stream().filter(s -> s.kind.equals(kind) && s.status == 200 && s.fetchMs >= 0)
                .map(Sample::fetchMs).toList();
    }

    static double pct(List<Double> values, double p) {
        if (values.isEmpty()) return Double.NaN;
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1));
    }

    static Sample timed(String kind, String url) {
        return timed(kind, url, -1, System.nanoTime());
    }

    /**
     * {@code sentS}: when the request was due, in seconds from the start of its phase (-1: not in a phase);
     * {@code dueNanos}: the same instant on {@link System#nanoTime()}, which the latency is measured from.
     */
    static Sample timed(String kind, String url, double sentS, long dueNanos) {
        long t = dueNanos;
        double lateMs = (System.nanoTime() - dueNanos) / 1e6;
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            String timing = r.headers().firstValue("Server-Timing").orElse("");
            Matcher m = FETCH.matcher(timing), stage = RENDER_STAGE.matcher(timing), store = STORE.matcher(timing),
                    queue = QUEUE.matcher(timing);
            double render = -1;
            while (stage.find()) render = Math.max(0, render) + Double.parseDouble(stage.group(1));
            return new Sample(kind, r.statusCode(), (System.nanoTime() - t) / 1e6,
                    m.find() ? Double.parseDouble(m.group(1)) : -1, r.headers().firstValue("X-Cache").orElse("-"), render,
                    sentS, store.find() ? Double.parseDouble(store.group(1)) : -1, lateMs,
                    queue.find() ? Double.parseDouble(queue.group(1)) : -1,
                    r.headers().firstValue("X-Source-Cache").isPresent());
        } catch (Exception e) {
            return new Sample(kind, 0, (System.nanoTime() - t) / 1e6, -1, "-", -1, sentS, -1, lateMs, -1, false);
        }
    }

    /** A GET that must succeed; a 503 (renders still queued from an earlier phase) is asked again shortly. */
    static void get(String url) {
        Sample s = timed("warm", url);
        for (int retry = 0; s.status == 503 && retry < 50; retry++) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            s = timed("warm", url);
        }
        if (s.status != 200) throw new IllegalStateException(url + " answered " + s.status);
    }

    static void zipfPhase(Origin origin) throws Exception {
        double cached = zipf(null, origin);
        Path noCache = Files.writeString(Files.createTempFile("remote-bench", ".yaml"),
                "remote: {minTtlSeconds: 0, maxTtlSeconds: 0, defaultTtlSeconds: 0}\n");
        double uncached = zipf(noCache, origin);
        System.out.printf("%nZipf (s=1.1, 500 URLs, 2000 requests, concurrency 16): origin requests per 1,000 "
                + "client requests: cache %.0f, no cache (collapse only) %.0f, ratio %.2fx%n", cached, uncached,
                uncached / Math.max(1, cached));
    }

    /** Origin requests per 1,000 client requests for a Zipf list, on a server of its own. */
    static double zipf(Path config, Origin fast) throws Exception {
        fast.hits.set(0);
        AtomicInteger refused = new AtomicInteger();
        int urls = 500;
        int requests = 2000;
        double[] cdf = new double[urls];
        double sum = 0;
        for (int k = 1; k <= urls; k++) cdf[k - 1] = sum += 1 / Math.pow(k, 1.1);
        Random random = new Random(42);
        List<Integer> picks = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            double u = random.nextDouble() * sum;
            int k = 0;
            while (cdf[k] < u) k++;
            picks.add(k);
        }
        try (Server server = new Server(PORTS + (config == null ? 2 : 3), config)) {
            String base = server.base;
            AtomicInteger next = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    for (int i; (i = next.getAndIncrement()) < requests; ) {
                        if (timed("zipf", base + remote(fast, "/z" + picks.get(i) + ".jpg", "w=120")).status != 200) {
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            for (Thread t : clients) t.join();
        }
        System.out.printf("Zipf %s: %d of %d answers not 200%n", config == null ? "with the cache" : "without",
                refused.get(), requests);
        return fast.hits.get() * 1000.0 / requests;
    }
}
