// Why sharp is faster per image (issue 17 item 6): Tessera's renderer against bare libvips pipelines that each
// change one thing, on the corpus photos, one thread, bytes in memory to encoded bytes.
// Run: ./tessera bench pipeline [--runs N] [--warmup N]   (under /work/bin/quiet for figures)
// Tasks: 300 px wide JPEG q80, and fit inside 512x512 JPEG q80. Variants (bare ones call libvips directly):
//   tessera       the Renderer as the server runs it (with its decode/transform/encode stage times)
//   sharp-like    what sharp 0.35 asks of libvips: jpegload shrink as large as it goes (sharp's
//                 fastShrinkOnLoad), sequential, resize (lanczos3), jpegsave Q80 strip
//   sharp-opt     sharp-like with optimize_coding (sharp's jpeg() default: optimiseCoding true)
//   keep2, keep3  sharp-like, shrink-on-load leaving the kernel a factor of 2 (sharp with fastShrinkOnLoad off)
//                 or 3 (Tessera's FrameLoader rule until 2026-12-02)
//   keep3-thumb   keep3 with thumbnail_image for the resize (what FrameLoader calls) instead of resize
//   vips-thumb    libvips' own thumbnail_buffer (vipsthumbnail)
// Also: the encoder's read-back check (a jpegload_buffer header of the output) and the PSNR of each bare
// variant's output against an exact render (no shrink-on-load, lanczos3), so speed is never bought blind.
import dev.tessera.image.ImageHeader;
import dev.tessera.image.SourceImage;
import dev.tessera.options.OptionsParser;
import dev.tessera.options.RenderOptions;
import dev.tessera.processing.ImageProbe;
import dev.tessera.processing.Limits;
import dev.tessera.processing.Renderer;
import dev.tessera.processing.StageTimings;
import dev.tessera.source.FormatSniffer;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

public class PipelineBench {
    static int warmup = 2, runs = 9;
    static boolean quality;
    static final Renderer RENDERER = new Renderer(Limits.DEFAULTS);
    static final OptionsParser PARSER = new OptionsParser(Map.of());

    record Task(String name, Map<String, List<String>> query, int boxW, int boxH) {}

    public static void main(String[] args) throws Exception {
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--quality" -> { quality = true; }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Vips.init();
        List<Path> files = Files.list(Path.of(args[0]).resolve("photos")).filter(p -> p.toString().endsWith(".jpg"))
                .sorted().toList();
        List<Task> tasks = List.of(
                new Task("w300", Map.of("w", List.of("300"), "fm", List.of("jpeg"), "q", List.of("80")), 300, 0),
                new Task("fit512", Map.of("w", List.of("512"), "h", List.of("512"), "fit", List.of("inside"),
                        "fm", List.of("jpeg"), "q", List.of("80")), 512, 512));
        if (quality) {
            List<Task> more = new ArrayList<>(tasks);
            for (String w : List.of("150", "640", "1000")) {
                more.add(new Task("w" + w, Map.of("w", List.of(w), "fm", List.of("jpeg")), 0, 0));
            }
            Quality.report(files, more);
            return;
        }
        System.out.printf("libvips %s, %d photos, median of %d runs after %d warm-up, 1 thread%n",
                Vips.version(), files.size(), runs, warmup);
        System.out.printf("%-14s %-6s %-12s %8s %8s %7s  %s%n", "photo", "task", "variant", "ms", "bytes", "PSNR", "notes");
        Map<String, List<Double>> perVariant = new LinkedHashMap<>();
        for (Task task : tasks) {
            for (Path file : files) {
                byte[] bytes = Files.readAllBytes(file);
                ImageHeader h = ImageProbe.header(bytes, FormatSniffer.sniff(Arrays.copyOf(bytes, 64)).orElseThrow());
                SourceImage source = new SourceImage.InMemory(bytes, h);
                RenderOptions options = PARSER.parse(task.query());
                var plan = Renderer.layout(h, options);
                int tw = plan.width(), th = plan.height();
                byte[] exact = bare(bytes, 1, tw, th, false, false);
                StageTimings stages = new StageTimings();
                Map<String, Function<byte[], byte[]>> variants = new LinkedHashMap<>();
                variants.put("tessera", b -> RENDERER.render(source, options, stages).body());
                variants.put("sharp-like", b -> bare(b, sharpShrink(h.width(), h.height(), tw, th), tw, th, false, false));
                variants.put("sharp-opt", b -> bare(b, sharpShrink(h.width(), h.height(), tw, th), tw, th, false, true));
                variants.put("keep2", b -> bare(b, keepShrink(2, h.width(), h.height(), tw, th), tw, th, false, false));
                variants.put("keep3", b -> bare(b, keepShrink(3, h.width(), h.height(), tw, th), tw, th, false, false));
                variants.put("keep3-thumb", b -> bare(b, keepShrink(3, h.width(), h.height(), tw, th), tw, th, true, false));
                variants.put("vips-thumb", b -> save(Vips.operation("thumbnail_buffer").set("buffer", b).set("width", tw)
                        .set("height", th).set("size", "force").image()));
                for (var v : variants.entrySet()) {
                    double ms = median(() -> v.getValue().apply(bytes));
                    byte[] out = v.getValue().apply(bytes);
                    perVariant.computeIfAbsent(task.name() + " " + v.getKey(), k -> new ArrayList<>()).add(ms);
                    String notes = v.getKey().equals("tessera") ? stageNotes(stages) : "";
                    System.out.printf("%-14s %-6s %-12s %8.1f %8d %7.1f  %s%n", file.getFileName(), task.name(),
                            v.getKey(), ms, out.length, psnr(exact, out), notes);
                }
                byte[] out = RENDERER.render(source, options, new StageTimings()).body();
                double check = median(() -> { readBack(out); return out; });
                System.out.printf("%-14s %-6s %-12s %8.2f%n", file.getFileName(), task.name(), "read-back", check);
            }
        }
        System.out.println("geometric mean ms per variant (ratio to tessera):");
        for (var e : perVariant.entrySet()) {
            String base = e.getKey().split(" ")[0] + " tessera";
            double g = geomean(e.getValue()), b = geomean(perVariant.get(base));
            System.out.printf("  %-22s %8.1f  %5.2fx%n", e.getKey(), g, g / b);
        }
    }

    /** sharp's rule (pipeline.cc, fastShrinkOnLoad): the largest of 8/4/2 not above the shrink, one less when equal. */
    /**
     * --quality: PSNR of each shrink rule's pixels (before any encoder) against a lanczos3 resize of the full
     * decode with no box pre-shrink (gap 0); "gap2" is libvips' default resize of the full decode (a box shrink
     * leaving the kernel a factor of 2), what every rule's resize still does after the load.
     */
    static final class Quality {
        static void report(List<Path> files, List<Task> tasks) throws Exception {
            System.out.printf("%-14s %-6s %6s %8s %8s %8s %8s %8s   (PSNR dB vs lanczos3 gap 0; shrink on load)%n",
                    "photo", "task", "gap2", "keep3", "keep2", "sharp", "all", "new");
            for (Task task : tasks) {
                for (Path file : files) {
                    byte[] b = Files.readAllBytes(file);
                    ImageHeader h = ImageProbe.header(b, FormatSniffer.sniff(Arrays.copyOf(b, 64)).orElseThrow());
                    var plan = Renderer.layout(h, PARSER.parse(task.query()));
                    int tw = plan.width(), th = plan.height();
                    try (VipsImage ref = pixels(b, 1, tw, th, 0.0)) {
                        StringBuilder row = new StringBuilder(String.format("%-14s %-6s %6.1f", file.getFileName(),
                                task.name(), psnr(ref, pixels(b, 1, tw, th, 2.0))));
                        for (int s : new int[] {keepShrink(3, h.width(), h.height(), tw, th),
                                keepShrink(2, h.width(), h.height(), tw, th), sharpShrink(h.width(), h.height(), tw, th),
                                keepShrink(1, h.width(), h.height(), tw, th), newShrink(h.width(), h.height(), tw, th)}) {
                            row.append(String.format(" %6.1f", psnr(ref, pixels(b, s, tw, th, 2.0)))).append("/" + s);
                        }
                        System.out.println(row);
                    }
                }
            }
        }

        static VipsImage pixels(byte[] b, int shrink, int tw, int th, double gap) {
            try (VipsImage in = Vips.operation("jpegload_buffer").set("buffer", b).set("shrink", shrink).image();
                 VipsImage out = Vips.operation("resize").set("in", in).set("scale", (double) tw / in.width())
                         .set("vscale", (double) th / in.height()).set("kernel", "lanczos3").set("gap", gap).image()) {
                return out.copyMemory();
            }
        }

        static double psnr(VipsImage x, VipsImage y) {
            try (y; var d = Vips.operation("subtract").set("left", x).set("right", y).image();
                 var sq = Vips.operation("multiply").set("left", d).set("right", d).image()) {
                double mse = Vips.operation("avg").set("in", sq).doubleValue("out");
                return 10 * Math.log10(255.0 * 255.0 / Math.max(mse, 1e-9));
            }
        }
    }

    /** Tessera's rule since 2026-12-02 (FrameLoader): shrink 2 leaves the kernel 2.5, shrink 4 and 8 leave it 3. */
    static int newShrink(int w, int h, int tw, int th) {
        int s = 1;
        while (s < 8 && w / (s * 2) >= (s == 1 ? 2.5 : 3) * tw && h / (s * 2) >= (s == 1 ? 2.5 : 3) * th) s *= 2;
        return s;
    }

    static int sharpShrink(int w, int h, int tw, int th) {
        double shrink = Math.min((double) w / tw, (double) h / th);
        int s = shrink >= 8 ? 8 : shrink >= 4 ? 4 : shrink >= 2 ? 2 : 1;
        if (s > 1 && (int) shrink == s) s /= 2;
        return s;
    }

    /** FrameLoader's rule: the largest of 2/4/8 still leaving the kernel a factor of {@code keep}. */
    static int keepShrink(int keep, int w, int h, int tw, int th) {
        int s = 1;
        while (s < 8 && w / (s * 2) >= keep * tw && h / (s * 2) >= keep * th) s *= 2;
        return s;
    }

    static byte[] bare(byte[] bytes, int shrink, int tw, int th, boolean thumbnailImage, boolean optimize) {
        try (VipsImage in = Vips.operation("jpegload_buffer").set("buffer", bytes).set("shrink", shrink)
                .set("access", "sequential").image()) {
            VipsImage out = thumbnailImage
                    ? Vips.operation("thumbnail_image").set("in", in).set("width", tw).set("height", th)
                        .set("size", "force").image()
                    : Vips.operation("resize").set("in", in).set("scale", (double) tw / in.width())
                        .set("vscale", (double) th / in.height()).set("kernel", "lanczos3").image();
            return save(out, optimize);
        }
    }

    static byte[] save(VipsImage image) {
        return save(image, false);
    }

    static byte[] save(VipsImage image, boolean optimize) {
        try (image) {
            return Vips.operation("jpegsave_buffer").set("in", image).set("Q", 80).set("strip", true)
                    .set("optimize_coding", optimize).blob("buffer");
        }
    }

    static void readBack(byte[] out) {
        try (VipsImage i = Vips.operation("jpegload_buffer").set("buffer", out).image()) {
            if (i.width() <= 0) throw new IllegalStateException();
        }
    }

    static String stageNotes(StageTimings t) {
        StringBuilder s = new StringBuilder();
        t.millis().forEach((k, v) -> s.append(k).append(String.format(" %.1f ", v / (runs + warmup + 1))));
        return s.toString().trim() + " (mean ms)";
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

    static double geomean(List<Double> xs) {
        return Math.exp(xs.stream().mapToDouble(Math::log).average().orElse(0));
    }

    static double psnr(byte[] a, byte[] b) {
        try (var x = Vips.operation("jpegload_buffer").set("buffer", a).image();
             var y = Vips.operation("jpegload_buffer").set("buffer", b).image()) {
            if (x.width() != y.width() || x.height() != y.height()) return Double.NaN;
            try (var d = Vips.operation("subtract").set("left", x).set("right", y).image();
                 var sq = Vips.operation("multiply").set("left", d).set("right", d).image()) {
                double mse = Vips.operation("avg").set("in", sq).doubleValue("out");
                return 10 * Math.log10(255.0 * 255.0 / Math.max(mse, 1e-9));
            }
        }
    }
}
