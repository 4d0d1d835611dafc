// Template benchmark (issue 13): the 1200x628 ad of examples/ad-template.json (1000x1000 JPEG photo, title, price
// badge, logo) rendered by Tessera in this JVM (a server on 127.0.0.1, asked over loopback HTTP) beside satori +
// sharp (bench/templates/satori.mjs, run just before by bench/templates/run), misses only: every ad has its own
// title and price. Then /render misses/s at c=8 and the hit path. All traffic on 127.0.0.1, bounded in count.
// With a 6th argument "in-process": the same ads rendered by the template renderer called directly (plan, then a
// miss through the same rendition cache and render pool as the server's), no HTTP: "render" in the table is then
// the time per ad of plan + serve. Run: bench/templates/run [--runs N] [--warmup N]
import dev.tessera.config.ConfigLoader;
import dev.tessera.server.TesseraServer;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class TemplateBench {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static String base;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]), warmup = Integer.parseInt(args[3]), port = Integer.parseInt(args[4]);
        Path data = Files.createTempDirectory("tessera-bench-templates");
        var config = config(port, data);
        if (args.length > 5 && args[5].equals("in-process")) {
            InProcessAds.run(config, out, runs, warmup);
            return;
        }
        try (TesseraServer server = TesseraServer.start(config, new PrintStream(PrintStream.nullOutputStream()))) {
            base = "http://127.0.0.1:" + server.port();
            String photo = upload(out.resolve("photo.jpg")), logo = upload(out.resolve("logo.png"));
            send(HttpRequest.newBuilder(URI.create(base + "/templates/bench-ad"))
                    .PUT(HttpRequest.BodyPublishers.ofFile(Path.of("examples/ad-template.json"))).build(), 201);
            String fixed = "/render/bench-ad?image=id:" + photo + "&logo=id:" + logo;
            AtomicInteger n = new AtomicInteger();
            double[] png = median(fixed, "png", runs, warmup, n, out);
            double[] jpeg = median(fixed, "jpeg", runs, warmup, n, out);
            long rss = rss();
            Map<String, String[]> satori = satori(out.resolve("satori.tsv"));
            System.out.println("| output | Tessera p50 ms (render stage) | satori+sharp p50 ms | ratio | Tessera CPU ms/ad "
                    + "| satori+sharp CPU ms/ad | CPU ratio |");
            System.out.println("|---|---|---|---|---|---|---|");
            row("png", png, satori);
            row("jpeg", jpeg, satori);
            System.out.printf("%nRSS after the runs: Tessera JVM %d MB (server and client in one process), node %s MB%n",
                    rss >> 20, satori.containsKey("rss") ? Long.parseLong(satori.get("rss")[1]) >> 20 : "?");
            int misses = Math.max(100, runs * 2);
            long t = System.nanoTime();
            List<Double> ms = concurrent(8, misses, i -> fixed + "&fm=png" + slots(n.incrementAndGet()));
            double seconds = (System.nanoTime() - t) / 1e9;
            System.out.printf("%n/render misses at c=8 (png): %.1f/s, p50 %.1f ms, p99 %.1f ms (%d requests)%n",
                    misses / seconds, pct(ms, 50), pct(ms, 99), misses);
            String hit = fixed + "&fm=png" + slots(1);
            get(hit);
            int hits = 5_000;
            t = System.nanoTime();
            ms = concurrent(8, hits, i -> hit);
            seconds = (System.nanoTime() - t) / 1e9;
            System.out.printf("/render hits at c=8: %.0f/s, p50 %.2f ms, p99 %.2f ms (%d requests)%n",
                    hits / seconds, pct(ms, 50), pct(ms, 99), hits);
        }
    }

    static dev.tessera.config.TesseraConfig config(int port, Path data) {
        return ConfigLoader.load(null, Map.of("TESSERA_PORT", Integer.toString(port), "TESSERA_HOST",
                "127.0.0.1", "TESSERA_DATA_DIR", data.toString(), "TESSERA_ACCESS_LOG", "false",
                "TESSERA_RENDER_THREADS", "1", "TESSERA_STORE_CACHE_MB", "64", "TESSERA_TEMPLATES_IMAGE_CACHE_MB",
                System.getenv().getOrDefault("TESSERA_TEMPLATES_IMAGE_CACHE_MB", "16")));
    }

    static String slots(int i) {
        return "&title=" + URLEncoder.encode("Trail running shoes, breathable mesh, size 36-47 #" + i,
                StandardCharsets.UTF_8) + "&price=" + (1000 + i / 100.0);
    }

    /** {median wall ms, median render-stage ms (Server-Timing), process CPU ms per ad}. */
    static double[] median(String fixed, String fm, int runs, int warmup, AtomicInteger n, Path out)
            throws Exception {
        for (int i = 0; i < warmup; i++) get(fixed + "&fm=" + fm + slots(n.incrementAndGet()));
        double[] ms = new double[runs], render = new double[runs];
        HttpResponse<byte[]> last = null;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            last = exchange(fixed + "&fm=" + fm + slots(n.incrementAndGet()));
            ms[i] = (System.nanoTime() - t) / 1e6;
            Matcher m = Pattern.compile("render;dur=([0-9.]+)").matcher(last.headers().firstValue("Server-Timing")
                    .orElse(""));
            render[i] = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        }
        double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6 / runs;
        Files.write(out.resolve("tessera." + fm), last.body());
        Arrays.sort(ms);
        Arrays.sort(render);
        return new double[] {ms[runs / 2], render[runs / 2], cpuMs};
    }

    static List<Double> concurrent(int clients, int total, java.util.function.IntFunction<String> path)
            throws Exception {
        List<Double> ms = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < total; ) {
                        long t = System.nanoTime();
                        get(path.apply(i));
                        ms.add((System.nanoTime() - t) / 1e6);
                    }
                    return null;
                });
            }
        }
        return ms;
    }

    static double pct(List<Double> ms, int p) {
        List<Double> sorted = new ArrayList<>(ms);
        sorted.sort(null);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    static void row(String fm, double[] tessera, Map<String, String[]> satori) {
        String[] s = satori.get(fm);
        double peer = s == null ? Double.NaN : Double.parseDouble(s[1]);
        double peerCpu = s == null ? Double.NaN : Double.parseDouble(s[2]);
        System.out.printf("| %s | %.1f (%.1f) | %.1f | %.2fx | %.1f | %.1f | %.2fx |%n", fm, tessera[0], tessera[1],
                peer, tessera[0] / peer, tessera[2], peerCpu, tessera[2] / peerCpu);
    }

    static Map<String, String[]> satori(Path tsv) throws Exception {
        Map<String, String[]> rows = new java.util.HashMap<>();
        if (Files.exists(tsv)) for (String line : Files.readAllLines(tsv)) rows.put(line.split("\t")[0], line.split("\t"));
        return rows;
    }

    static long rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
        }
        return 0;
    }

    static String upload(Path file) throws Exception {
        String body = new String(send(HttpRequest.newBuilder(URI.create(base + "/images"))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), 201), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"id\":\"([0-9a-f]{64})\"").matcher(body);
        if (!m.find()) throw new IllegalStateException("upload failed: " + body);
        return m.group(1);
    }

    static byte[] get(String path) throws Exception {
        return exchange(path).body();
    }

    static HttpResponse<byte[]> exchange(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).GET().build();
        HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new IllegalStateException(path + ": " + r.statusCode());
        return r;
    }

    static byte[] send(HttpRequest request, int status) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != status) {
            throw new IllegalStateException(request.uri() + ": " + r.statusCode() + " " + new String(r.body()));
        }
        return r.body();
    }
}

/** The in-process side: the server's template objects wired as TesseraServer wires them, asked without HTTP. */
class InProcessAds {
    static void run(dev.tessera.config.TesseraConfig config, Path out, int runs, int warmup) throws Exception {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        var l = config.limits();
        var limits = new dev.tessera.processing.Limits(l.maxPixels(), l.maxFrames(), l.maxOutputPixels(),
                java.time.Duration.ofMillis(l.renderTimeoutMs()));
        var ticker = com.github.benmanes.caffeine.cache.Ticker.systemTicker();
        var store = dev.tessera.storage.ConfiguredStores.open(config.storage());
        var r = config.render();
        try (var pool = new dev.tessera.scheduling.RenderPool(r.effectiveThreads(), r.queue(),
                java.time.Duration.ofMillis(r.maxWaitMs()), Map.of(), r.effectiveMemoryBytes(), ticker);
             var cache = dev.tessera.cache.RenditionCaches.builder().memoryBytes(config.cache().memoryMb() << 20)
                     .store(store).storeMaxBytes(config.cache().storeMaxMb() << 20).build()) {
            var originals = new dev.tessera.source.Originals(store, pool, limits, l.maxUploadBytes(),
                    config.storage().dataDir().resolve(".spool"), registry, ticker);
            var t = config.templates();
            var sources = new dev.tessera.templates.LayerSources(originals, (url, tenant, deadline) -> {
                throw new IllegalStateException("no URL layers in this benchmark");
            }, l.maxPixels(), java.time.Duration.ofSeconds(5));
            var renders = new dev.tessera.templates.TemplateRenders(cache, pool, sources,
                    dev.tessera.text.TextLayout.create(dev.tessera.text.TextLayout.DEFAULT_CACHE_BYTES, registry),
                    (long) t.imageCacheMb() << 20, registry, t.pngCompression(), t.concurrency(),
                    java.time.Duration.ofMillis(t.maxWaitMs()), l.maxOutputPixels());
            String tenant = "local";
            String photo = ingest(originals, out.resolve("photo.jpg"), tenant);
            String logo = ingest(originals, out.resolve("logo.png"), tenant);
            var templates = new dev.tessera.templates.TemplateStore(store, Map.of(), l.maxOutputPixels(),
                    java.time.Duration.ofSeconds(1), ticker);
            var template = templates.put("bench-ad", Files.readAllBytes(Path.of("examples/ad-template.json")),
                    tenant).template();
            AtomicInteger n = new AtomicInteger();
            double[] png = ads(renders, template, photo, logo, "png", runs, warmup, n, out);
            double[] jpeg = ads(renders, template, photo, logo, "jpeg", runs, warmup, n, out);
            Map<String, String[]> satori = TemplateBench.satori(out.resolve("satori.tsv"));
            System.out.println("\nIn-process (plan + a cache miss + render, no HTTP; in brackets the render stage):");
            TemplateBench.row("png", png, satori);
            TemplateBench.row("jpeg", jpeg, satori);
            System.out.printf("RSS after the in-process runs: %d MB%n", TemplateBench.rss() >> 20);
        }
    }

    static String ingest(dev.tessera.source.Originals originals, Path file, String tenant) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return originals.ingest(in, tenant, new dev.tessera.source.QuotaCharge(b -> {}, b -> {})).info().id();
        }
    }

    /** {median ms per ad (plan + serve), median render-stage ms, process CPU ms per ad}. */
    static double[] ads(dev.tessera.templates.TemplateRenders renders, dev.tessera.templates.StoredTemplate template,
                        String photo, String logo, String fm, int runs, int warmup, AtomicInteger n, Path out)
            throws Exception {
        for (int i = 0; i < warmup; i++) ad(renders, template, photo, logo, fm, n.incrementAndGet(), null);
        double[] ms = new double[runs], render = new double[runs];
        Map<String, double[]> stages = new java.util.TreeMap<>();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        byte[] last = null;
        for (int i = 0; i < runs; i++) {
            var timings = new dev.tessera.processing.StageTimings();
            long start = System.nanoTime();
            last = ad(renders, template, photo, logo, fm, n.incrementAndGet(), timings);
            ms[i] = (System.nanoTime() - start) / 1e6;
            render[i] = timings.millis().getOrDefault("render", Double.NaN);
            int run = i;
            timings.millis().forEach((stage, t) -> stages.computeIfAbsent(stage, k -> new double[runs])[run] = t);
        }
        double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6 / runs;
        Files.write(out.resolve("in-process." + fm), last);
        Arrays.sort(ms);
        Arrays.sort(render);
        StringBuilder medians = new StringBuilder(fm + " stage medians (ms):");
        stages.forEach((stage, t) -> {
            Arrays.sort(t);
            medians.append(String.format(" %s %.1f", stage, t[runs / 2]));
        });
        System.out.println(medians);
        return new double[] {ms[runs / 2], render[runs / 2], cpuMs};
    }

    static byte[] ad(dev.tessera.templates.TemplateRenders renders, dev.tessera.templates.StoredTemplate template,
                     String photo, String logo, String fm, int i, dev.tessera.processing.StageTimings timings)
            throws Exception {
        Map<String, List<String>> query = new java.util.HashMap<>();
        query.put("image", List.of("id:" + photo));
        query.put("logo", List.of("id:" + logo));
        query.put("fm", List.of(fm));
        query.put("title", List.of("Trail running shoes, breathable mesh, size 36-47 #" + i));
        query.put("price", List.of(Double.toString(1000 + i / 100.0)));
        var plan = renders.plan(template, query);
        var result = renders.serve(plan, timings == null ? new dev.tessera.processing.StageTimings() : timings);
        if (result.tier() != dev.tessera.cache.CacheTier.MISS) throw new IllegalStateException("not a miss");
        return result.rendition().body();
    }
}
