package harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The three scenarios of issue 10, each on its own fresh server; each returns its table. */
public final class Scenarios {
    static final String QUIET_KEY = "bench-quiet-key";
    static final String ATTACKER_KEY = "bench-attacker-key";
    static final double QUIET_RATE = 2;
    static final int OVERLOAD_FACTOR = 20;
    static final int SUSTAIN_WORKERS = 4;
    static final int BOMBS_AT_ONCE = 4;

    private final Path root;
    private final Path out;
    private final Path images;
    private final int port;
    private final int memoryMb;
    private final boolean quick;
    private final boolean pin;
    private final Rss rss;

    /** {@code pin}: the overload scenario runs its server on CPU 0 and this client on the others (taskset). */
    public Scenarios(Path root, Path out, Path images, int port, int memoryMb, boolean quick, boolean pin) {
        this.root = root;
        this.out = out;
        this.images = images;
        this.port = port;
        this.memoryMb = memoryMb;
        this.quick = quick;
        this.pin = pin;
        this.rss = new Rss(memoryMb);
    }

    private double seconds(double full, double quickSeconds) {
        return quick ? quickSeconds : full;
    }

    /** A server with the two tenants' keys and the memory budget; {@code renderThreads} 0: one per core. */
    Server start(String name, int renderThreads) throws IOException, InterruptedException {
        return start(name, renderThreads, List.of());
    }

    Server start(String name, int renderThreads, List<String> prefix) throws IOException, InterruptedException {
        System.err.printf("cost: %s: starting a server on 127.0.0.1:%d%n", name, port);
        Files.createDirectories(out.resolve("logs"));
        Map<String, String> env = new HashMap<>(Map.of(
                "TESSERA_API_KEYS", "quiet:" + QUIET_KEY + ",attacker:" + ATTACKER_KEY,
                "TESSERA_RENDER_MEMORY_MB", Integer.toString(memoryMb)));
        if (renderThreads > 0) env.put("TESSERA_RENDER_THREADS", Integer.toString(renderThreads));
        return Server.start(prefix, root, out.resolve("data"), port, env, out.resolve("logs/" + name + ".log"));
    }

    static String upload(Http http, Path file, String key) {
        Http.Upload u = http.upload(file, key);
        if (u.id() == null) throw new IllegalStateException("upload of " + file + " failed: " + u.result() + " " + u.body());
        return u.id();
    }

    static String quietPath(String id, int i) {
        return "/images/" + id + "?w=" + (120 + i) + "&fm=jpeg&q=80";
    }

    /** 1. Three closed loops of distinct blur=9 renders of two 20 MP photos, and the quiet tenant at 2 req/s. */
    public Table attack() throws Exception {
        double baseline = seconds(20, 4), loaded = seconds(60, 10);
        try (Server server = start("attack", 0); Http setup = new Http(server.base, Duration.ofSeconds(60));
                Http quietHttp = new Http(server.base, Duration.ofSeconds(30))) {
            String[] heavy = {upload(setup, images.resolve("heavy-1.jpg"), ATTACKER_KEY),
                    upload(setup, images.resolve("heavy-2.jpg"), ATTACKER_KEY)};
            String quiet = upload(setup, images.resolve("quiet.jpg"), QUIET_KEY);
            AtomicInteger q = new AtomicInteger();
            for (int i = 0; i < 6; i++) quietHttp.get(quietPath(quiet, q.getAndIncrement()), System.nanoTime()); // warm-up
            server.resetPeak();
            System.err.printf("cost: attack: quiet tenant alone, %.0f s%n", baseline);
            Load.Open alone = Load.open(quietHttp, QUIET_RATE, baseline, 100, i -> quietPath(quiet, q.getAndIncrement()));
            System.err.printf("cost: attack: 3 attack loops + quiet tenant, %.0f s%n", loaded);
            Load.Loops attackers = new Load.Loops(new Http(server.base, Duration.ofSeconds(60)), 3,
                    i -> "/images/" + heavy[i % 2] + "?blur=9&w=" + (4000 + i));
            Thread.sleep(2000);
            Load.Open underAttack = Load.open(quietHttp, QUIET_RATE, loaded, 100, i -> quietPath(quiet, q.getAndIncrement()));
            List<Http.Result> attack = attackers.stop();
            double peak = server.peakRssMb();
            rss.add("attack", peak);

            Stats a = Stats.of(alone.results()), u = Stats.of(underAttack.results()), x = Stats.of(attack);
            double success = 100.0 * u.ok() / underAttack.scheduled();
            return new Table("1. Expensive-request attack (3 loops of distinct ?blur=9&w=4000.. on two 20 MP photos)")
                    .row("quiet tenant alone, %.0f s at 2 req/s".formatted(baseline), a.line())
                    .row("quiet tenant under attack, %.0f s at 2 req/s".formatted(loaded), u.line())
                    .row("attackers (3 closed loops)", x.line() + String.format(Locale.ROOT, ", %.2f req/s",
                            x.n() / (loaded + 2)))
                    .row("quiet success under attack", pct(success), ">= 95 %", success / 95, success >= 95)
                    .row("quiet p99 under attack / alone", String.format(Locale.ROOT, "%s / %s = %.1fx",
                            Stats.ms(u.p99()), Stats.ms(a.p99()), u.p99() / a.p99()),
                            "<= 2x alone", u.p99() / (2 * a.p99()), u.p99() <= 2 * a.p99())
                    .row("peak RSS of the server", mb(peak));
        }
    }

    /** 2. The sustainable rate of cheap distinct renders, then 20x that, open loop, with the quiet tenant at 2 req/s. */
    public Table overload() throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        boolean pinned = pin && Pinning.available();
        if (pinned) Pinning.client("1-" + (cpus - 1));
        try {
            return overload(pinned, cpus);
        } finally {
            if (pinned) Pinning.client("0-" + (cpus - 1));
        }
    }

    private Table overload(boolean pinned, int cpus) throws Exception {
        double sustain = seconds(10, 3), over = seconds(30, 6);
        Path log = out.resolve("logs/overload.log");
        try (Server server = start("overload", 0, pinned ? Pinning.serverPrefix() : List.of()); Http setup = new Http(server.base, Duration.ofSeconds(60));
                Http quietHttp = new Http(server.base, Duration.ofSeconds(30));
                Http floodHttp = new Http(server.base, Duration.ofSeconds(30))) {
            String flood = upload(setup, images.resolve("flood.jpg"), ATTACKER_KEY);
            String quiet = upload(setup, images.resolve("quiet.jpg"), QUIET_KEY);
            AtomicInteger f = new AtomicInteger(), q = new AtomicInteger();
            java.util.function.IntFunction<String> floodPath = i -> {
                int k = f.getAndIncrement();   // distinct: width 64..1063 times quality 50..94
                return "/images/" + flood + "?w=" + (64 + k % 1000) + "&q=" + (50 + k / 1000 % 45) + "&fm=jpeg";
            };
            System.err.printf("cost: overload: sustainable rate, %d workers, %.0f s (after 2 s warm-up)%n",
                    SUSTAIN_WORKERS, sustain);
            Load.closed(new Http(server.base, Duration.ofSeconds(30)), SUSTAIN_WORKERS, 2, floodPath);
            Stats alone = Stats.of(Load.closed(new Http(server.base, Duration.ofSeconds(30)), 1, seconds(5, 2), floodPath));
            long t0 = System.nanoTime();
            List<Http.Result> measured = Load.closed(new Http(server.base, Duration.ofSeconds(30)), SUSTAIN_WORKERS,
                    sustain, floodPath);
            long end = t0 + (long) (sustain * 1e9);
            double rate = measured.stream().filter(r -> r.ok() && r.doneNanos() <= end).count() / sustain;
            double offered = Math.max(1, OVERLOAD_FACTOR * rate);
            server.resetPeak();
            System.err.printf(Locale.ROOT, "cost: overload: %.1f req/s (%dx %.1f) + quiet tenant, %.0f s%n", offered,
                    OVERLOAD_FACTOR, rate, over);
            java.time.Instant floodStart = java.time.Instant.now();
            Load.Open floodRun, quietRun;
            try (var background = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Load.Open> quietFuture = background.submit(() ->
                        Load.open(quietHttp, QUIET_RATE, over, 100, i -> quietPath(quiet, q.getAndIncrement())));
                floodRun = Load.open(floodHttp, offered, over, 5000, floodPath);
                quietRun = quietFuture.get();
            }
            double peak = server.peakRssMb();
            rss.add("overload", peak);

            Stats all = Stats.of(floodRun.results()), s503 = Stats.of(floodRun.results(), r -> r.status() == 503);
            long no503RetryAfter = floodRun.results().stream().filter(r -> r.status() == 503 && !r.retryAfter()).count();
            Stats quietStats = Stats.of(quietRun.results());
            Stats admitted = Stats.of(floodRun.results(), r -> r.status() == 200);
            String floodPrefix = "/images/" + flood;
            double server503 = AccessLog.p99(log, floodStart, floodPrefix, 503);
            double success = 100.0 * quietStats.ok() / quietRun.scheduled();
            return new Table("2. %dx overload of cheap distinct renders (?w=64..1063&q=50..94 of a %s JPEG)"
                    .formatted(OVERLOAD_FACTOR, kilobytes(images.resolve("flood.jpg"))))
                    .row("setup", pinned ? "server on CPU 0 (taskset -c 0: 1 render thread), this client on CPU 1-" + (cpus - 1)
                            : "server and client share all " + cpus + " CPUs (not pinned)")
                    .row("sustainable rate (%d closed loops, %.0f s)".formatted(SUSTAIN_WORKERS, sustain),
                            String.format(Locale.ROOT, "%.1f req/s, %s", rate, Stats.of(measured).line()))
                    .row("offered, open loop %.0f s".formatted(over), String.format(Locale.ROOT,
                            "%.1f req/s: %d due, %d not sent (in-flight cap), %d sent > 10 ms late (client)", offered,
                            floodRun.scheduled(), floodRun.notSent(),
                            floodRun.results().stream().filter(r -> r.lateMs() > 10).count()))
                    .row("flood answers", all.line())
                    .row("503 p99, client side", Stats.ms(s503.p99()) + " (" + s503.line() + ")", "< 50 ms",
                            s503.p99() / 50, s503.p99() < 50)
                    .row("503 p99, server side (access log durationMs)", AccessLog.durations(log, floodStart, floodPrefix, 503),
                            "< 50 ms", server503 / 50, server503 < 50)
                    .row("one flood render at a time, unloaded (1 closed loop)", alone.line())
                    .row("admitted flood renders (200), client side", admitted.line() + String.format(Locale.ROOT,
                            ", p99 %.1fx unloaded", admitted.p99() / alone.p99()))
                    .row("admitted flood renders (200), server side", AccessLog.durations(log, floodStart, floodPrefix, 200))
                    .row("503 without Retry-After", Long.toString(no503RetryAfter))
                    .row("quiet tenant during the overload", quietStats.line())
                    .row("quiet success", pct(success), ">= 95 %", success / 95, success >= 95)
                    .row("peak RSS of the server", mb(peak));
        }
    }

    /** 3. Memory bombs 4 at a time; peak RSS of this and the scenarios before against the budget + 150 MB. */
    public Table memory() throws Exception {
        // as many render threads as bombs at once: the memory budget, not the core count, must bound them
        try (Server server = start("memory", BOMBS_AT_ONCE);
                Http http = new Http(server.base, Duration.ofSeconds(quick ? 30 : 60))) {
            String[] heavy = {upload(http, images.resolve("heavy-1.jpg"), ATTACKER_KEY),
                    upload(http, images.resolve("heavy-2.jpg"), ATTACKER_KEY)};
            server.resetPeak();
            List<Bombs.Outcome> outcomes = new Bombs(http, images, heavy, ATTACKER_KEY)
                    .run(quick ? 4 : 8, BOMBS_AT_ONCE, quick ? 30 : 90);
            rss.add("memory bombs", server.peakRssMb());
            Table t = new Table("3. Peak RSS (VmHWM and VmRSS every 50 ms) against TESSERA_RENDER_MEMORY_MB + 150 MB");
            rss.rows(t);
            outcomes.forEach(o -> t.row("bomb: " + o.name(), o.describe()));
            return t;
        }
    }

    static String pct(double p) {
        return String.format(Locale.ROOT, "%.1f %%", p);
    }

    static String mb(double mb) {
        return String.format(Locale.ROOT, "%.0f MB", mb);
    }

    static String kilobytes(Path file) throws IOException {
        return Files.size(file) / 1000 + " KB";
    }
}
