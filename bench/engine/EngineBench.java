// Engine benchmark: Tessera's in-process render vs libvips' own vipsthumbnail, side by side.
// Run: ./tessera bench engine [--soak N]   (builds Tessera, passes the corpus dir as the first argument)
//      ./tessera bench engine --tsv [--runs N] [--warmup N]   machine-readable, for bench/run:
//      one line per photo and format: photo, fmt, tessera ms, vipsthumbnail ms, tessera bytes, vipsthumbnail bytes
import dev.tessera.options.OptionsParser;
import dev.tessera.options.RenderOptions;
import dev.tessera.image.ImageHeader;
import dev.tessera.processing.ImageProbe;
import dev.tessera.processing.Limits;
import dev.tessera.processing.Renderer;
import dev.tessera.image.SourceImage;
import dev.tessera.processing.StageTimings;
import dev.tessera.source.FormatSniffer;
import dev.tessera.vips.Vips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

public class EngineBench {
    static int warmup = 3, runs = 15;
    static final Renderer RENDERER = new Renderer(Limits.DEFAULTS);
    static final OptionsParser PARSER = new OptionsParser(Map.of());

    public static void main(String[] args) throws Exception {
        Path photos = Path.of(args[0]).resolve("photos");
        boolean tsv = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--soak" -> { soak(photos, Integer.parseInt(args[++i])); return; }
                case "--ladder" -> { ladder(Path.of(args[0])); return; }
                case "--tsv" -> tsv = true;
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Vips.init();
        List<Path> files = Files.list(photos).filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        if (!tsv) {
            System.out.printf("libvips %s, %d photos, %d runs after %d warm-up, 1 thread, VIPS_CONCURRENCY=1%n",
                    Vips.version(), files.size(), runs, warmup);
            System.out.printf("%-16s %-5s %12s %14s %7s%n", "photo", "fmt", "tessera ms", "vipsthumb ms", "ratio");
        }
        List<Double> ratios = new ArrayList<>();
        for (String fmt : List.of("jpeg", "webp")) {
            for (Path file : files) {
                Timing ours = tessera(file, fmt);
                Timing theirs = vipsthumbnail(file, fmt);
                ratios.add(ours.ms() / theirs.ms());
                if (tsv) {
                    System.out.printf("%s\t%s\t%.2f\t%.2f\t%d\t%d%n", file.getFileName(), fmt,
                            ours.ms(), theirs.ms(), ours.bytes(), theirs.bytes());
                } else {
                    System.out.printf("%-16s %-5s %12.1f %14.1f %7.2f%n", file.getFileName(), fmt,
                            ours.ms(), theirs.ms(), ours.ms() / theirs.ms());
                }
            }
        }
        if (tsv) return;
        double[] r = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("median ratio tessera/vipsthumbnail: %.2f (target <= 1.10); geometric mean %.2f%n",
                r[r.length / 2], Math.exp(Arrays.stream(r).map(Math::log).average().orElse(0)));
    }

    /** Median milliseconds per image, and the size of the encoded output. */
    record Timing(double ms, long bytes) {}

    static SourceImage source(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ImageHeader header = ImageProbe.header(bytes, FormatSniffer.sniff(Arrays.copyOf(bytes, 64)).orElseThrow());
        return new SourceImage.InMemory(bytes, header);
    }

    static byte[] render(SourceImage source, String fmt) {
        RenderOptions options = PARSER.parse(Map.of("w", List.of("300"), "fm", List.of(fmt), "q", List.of("80")));
        return RENDERER.render(source, options, new StageTimings()).body();
    }

    /** Median ms of one in-process render (bytes in memory to encoded bytes). */
    static Timing tessera(Path file, String fmt) throws IOException {
        SourceImage source = source(file);
        for (int i = 0; i < warmup; i++) render(source, fmt);
        double[] ms = new double[runs];
        long bytes = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            bytes = render(source, fmt).length;
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new Timing(ms[runs / 2], bytes);
    }

    /** Median over 3 trials of (time for runs+1 files - time for 1 file) / runs: per image, start-up amortised. */
    static Timing vipsthumbnail(Path file, String fmt) throws Exception {
        Path out = Files.createTempDirectory("bench-vt");
        String ext = fmt.equals("jpeg") ? "jpg" : fmt;
        double[] trials = new double[3];
        for (int t = 0; t < trials.length; t++) {
            double one = timeVipsthumbnail(file, 1, ext, out);
            double many = timeVipsthumbnail(file, runs + 1, ext, out);
            trials[t] = (many - one) / runs;
        }
        Arrays.sort(trials);
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        long bytes = Files.size(out.resolve(stem + "." + ext));
        try (var files = Files.list(out)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(out);
        return new Timing(trials[1], bytes);
    }

    static double timeVipsthumbnail(Path file, int copies, String ext, Path out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("vipsthumbnail", "-s", "300x", "-o",
                out + "/%s." + ext + "[Q=80,strip]"));
        for (int i = 0; i < copies; i++) cmd.add(file.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("VIPS_CONCURRENCY", "1");
        long start = System.nanoTime();
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) throw new IllegalStateException("vipsthumbnail failed on " + file);
        return (System.nanoTime() - start) / 1e6;
    }

    /** Renders the photos round-robin on 2 threads; prints RSS as it goes, to show it stays flat. */
    static void soak(Path photos, int renders) throws Exception {
        Vips.init();
        List<SourceImage> sources = new ArrayList<>();
        for (Path p : Files.list(photos).filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) sources.add(source(p));
        String[] fmts = {"jpeg", "webp"};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long start = System.nanoTime();
        List<Future<?>> batch = new ArrayList<>();
        System.out.printf("%8s %10s %10s %10s %12s%n", "renders", "rss MB", "heap MB", "vips MB", "vips peak MB");
        for (int i = 0; i < renders; i++) {
            final int n = i;
            batch.add(pool.submit(() -> render(sources.get(n % sources.size()), fmts[n % 2])));
            if (batch.size() == 200 || i == renders - 1) {
                for (Future<?> f : batch) f.get();
                batch.clear();
                if ((i + 1) % 1000 == 0 || i == renders - 1) {
                    System.out.printf("%8d %10.0f %10.0f %10.1f %12.1f%n", i + 1, rssMb(),
                            Runtime.getRuntime().totalMemory() / 1048576.0, Vips.trackedMemory() / 1e6,
                            Vips.trackedMemoryHighwater() / 1e6);
                }
            }
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        System.out.printf("%d renders in %.0f s%n", renders, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The rendition ladder: a 300 px JPEG rendered from the original vs from a cached 1200 px JPEG q80 rendition
     * of it (as the server does for expensive originals); median ms, ratio and PSNR against the direct render.
     */
    static void ladder(Path corpus) throws Exception {
        Vips.init();
        List<Path> files = new ArrayList<>(Files.list(corpus.resolve("photos")).sorted().toList());
        files.add(corpus.resolve("edge/progressive-20mp.jpg"));
        files.add(corpus.resolve("edge/rgb16.png"));
        files.add(corpus.resolve("edge/alpha-rgba.png"));
        System.out.printf("%-22s %-12s %10s %10s %7s %9s%n", "source", "kind", "direct ms", "ladder ms", "ratio", "PSNR dB");
        RenderOptions rung = PARSER.parse(Map.of("w", List.of("1200"), "fm", List.of("jpeg")));
        RenderOptions small = PARSER.parse(Map.of("w", List.of("300"), "fm", List.of("jpeg")));
        for (Path file : files) {
            SourceImage original = source(file);
            ImageHeader h = original.header();
            if (h.format() == dev.tessera.image.ImageFormat.PNG && h.hasAlpha()) {
                rung = rung.withFormat(dev.tessera.image.ImageFormat.PNG);
            }
            var big = RENDERER.render(original, rung, new StageTimings());
            SourceImage fromRung = new SourceImage.InMemory(big.body(), new ImageHeader(big.format(), big.width(), big.height(),
                    1, h.hasAlpha() && big.format().supportsAlpha(), 1));
            var planned = Renderer.layout(h, small);
            int[] size = {planned.width(), planned.height()};
            RenderOptions derivedOptions = PARSER.parse(Map.of("w", List.of("" + size[0]), "h", List.of("" + size[1]),
                    "fit", List.of("fill"), "enlarge", List.of("1"), "fm", List.of("jpeg")));
            double direct = median(() -> RENDERER.render(original, small, new StageTimings()).body());
            double derived = median(() -> RENDERER.render(fromRung, derivedOptions, new StageTimings()).body());
            byte[] a = RENDERER.render(original, small, new StageTimings()).body();
            byte[] b = RENDERER.render(fromRung, derivedOptions, new StageTimings()).body();
            String kind = h.format().id() + (h.progressive() ? " progr." : "") + String.format(" %dMP", h.pixels() / 1_000_000);
            System.out.printf("%-22s %-12s %10.1f %10.1f %7.2f %9.1f%n", file.getFileName(), kind, direct, derived,
                    derived / direct, psnr(a, b));
            rung = PARSER.parse(Map.of("w", List.of("1200"), "fm", List.of("jpeg")));
        }
    }

    static double median(java.util.function.Supplier<byte[]> work) {
        for (int i = 0; i < warmup; i++) work.get();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    static double psnr(byte[] a, byte[] b) {
        try (var x = Vips.operation("jpegload_buffer").set("buffer", a).image();
             var y = Vips.operation("jpegload_buffer").set("buffer", b).image();
             var d = Vips.operation("subtract").set("left", x).set("right", y).image();
             var sq = Vips.operation("multiply").set("left", d).set("right", d).image()) {
            double mse = Vips.operation("avg").set("in", sq).doubleValue("out");
            return 10 * Math.log10(255.0 * 255.0 / Math.max(mse, 1e-9));
        }
    }

    static double rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
        return -1;
    }
}
