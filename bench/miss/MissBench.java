// The miss path's renders in process, one thread, stage by stage (issue 17 items 1 and 6): what bench/run's
// miss-12mp and imgproxy-shape cells ask of the Renderer, without HTTP, admission or the store.
// Run: ./tessera bench miss [--runs N] [--warmup N] [--only CELL,CELL]   (under /work/bin/quiet for figures)
// Cells (JPEG out; the mezzanine as rendition/Mezzanine makes it: JPEG q92 4:4:4):
//   mezzanine    sunset.jpg (12 MP progressive, 4272x2848) -> its mezzanine, 2136x1424: the decoder's shrink by
//                2, no resize, standard Huffman tables, the HalfDecode measure (Renderer.forMezzanines): the work a
//                first render adds; the mez-* and kept-* cells read it as RenditionService does (marked: a shrink
//                by 2 on load whenever it covers the rendition)
//   mez-2048     shrink 2 on load, then lanczos3 to 2048 px (forMezzanines with the 2048 box)
//   mez-full     the mezzanine before out-3: full decode, lanczos3 to 2048 px, optimised tables
//   mez-300-399  the mezzanine -> w 300, 333, 366, 399 (the thumbnails, steady state)
//   mez-200-1199 the mezzanine -> w 200..1000 (bench/run's old widths; only those <= 1068 use it)
//   mez-200-1068 the mezzanine -> w 200..1068 (bench/run's mezzanine class), decoded each time
//   kept-200-1068 the same with the mezzanine's decode kept between renders (DecodedFrames, as serve does)
//   original     sunset.jpg -> w 1069..1199 (bench/run's "original" class: too wide for the mezzanine, rendered from
//                the 12 MP original)
//   bare-*       the "original" cell through bare libvips calls making sharp's choices (jpegload_buffer shrink 2,
//                sequential; resize lanczos3; jpegsave Q80 strip optimize_coding): -sharp as sharp asks, -gap0 with
//                resize's gap 0 (as Resize), -copy computing the resized frame into memory first (as FrameLoader)
//   2k-fit512    the corpus photos at 2048 px (JPEG q90, like bench/run's 2K photos) -> fit 512x512 q80
// Prints the median ms per render and the stages' medians (decode includes the resize: FrameLoader's copy).
import dev.tessera.image.ImageFormat;
import dev.tessera.image.SourceImage;
import dev.tessera.options.OptionsParser;
import dev.tessera.options.RenderOptions;
import dev.tessera.processing.DecodedFrames;
import dev.tessera.processing.HalfDecode;
import dev.tessera.processing.ImageProbe;
import dev.tessera.processing.Limits;
import dev.tessera.processing.Renderer;
import dev.tessera.processing.StageTimings;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public class MissBench {
    static int warmup = 2, runs = 7;
    static List<String> only = List.of();
    static final Renderer RENDERER = new Renderer(Limits.DEFAULTS);
    static final Renderer MEZZANINES = new Renderer(Limits.DEFAULTS).forMezzanines(10);
    static final OptionsParser PARSER = new OptionsParser(Map.of());

    public static void main(String[] args) throws Exception {
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Vips.init();
        Path photos = Path.of(args[0]).resolve("photos");
        byte[] original = Files.readAllBytes(photos.resolve("sunset.jpg"));
        String mezzanineQuery = "w=2136&h=2136&fit=inside&fm=jpeg&q=92";
        String box2048 = "w=2048&h=2048&fit=inside&fm=jpeg&q=92";
        byte[] mezzanine = MEZZANINES.render(source(original), parse(mezzanineQuery), new StageTimings()).body();
        cell("mezzanine", MEZZANINES, List.of(original), List.of(mezzanineQuery));
        cell("mez-2048", MEZZANINES, List.of(original), List.of(box2048));
        cell("mez-full", RENDERER, List.of(original), List.of(box2048));
        cell("mez-300-399", RENDERER, List.of(mezzanine), List.of("w=300", "w=333", "w=366", "w=399"));
        cell("mez-200-1199", RENDERER, List.of(mezzanine), List.of("w=200", "w=333", "w=466", "w=600", "w=733", "w=866",
                "w=1000"));
        List<String> mezzanineClass = List.of("w=200", "w=327", "w=454", "w=581", "w=708", "w=835", "w=962",
                "w=1068");
        cell("mez-200-1068", RENDERER, List.of(mezzanine), mezzanineClass);
        try (DecodedFrames frames = new DecodedFrames(64L << 20, Duration.ofMinutes(1))) {
            cell("kept-200-1068", RENDERER.keeping(frames), List.of(mezzanine), mezzanineClass);
        }
        cell("original", RENDERER, List.of(original), List.of("w=1069", "w=1102", "w=1134", "w=1166", "w=1199"));
        for (String bare : List.of("bare-sharp", "bare-gap0", "bare-copy")) {
            if (only.isEmpty() || only.contains(bare)) bareCell(bare, original, List.of(1069, 1102, 1134, 1166, 1199));
        }
        List<byte[]> twoK = new ArrayList<>();
        for (Path p : Files.list(photos).filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
            try (VipsImage t = Vips.operation("thumbnail").set("filename", p.toString()).set("width", 2048)
                    .set("height", 2048).image()) {
                twoK.add(Vips.operation("jpegsave_buffer").set("in", t).set("Q", 90).set("strip", true)
                        .blob("buffer"));
            }
        }
        cell("2k-fit512", RENDERER, twoK, List.of("w=512&h=512&fit=inside&q=80"));
    }

    /** Every source with every query, warmup then runs; medians of the per-render total and of each stage. */
    static void cell(String name, Renderer renderer, List<byte[]> sources, List<String> queries) {
        if (!only.isEmpty() && !only.contains(name)) return;
        List<Double> totals = new ArrayList<>();
        Map<String, List<Double>> stages = new TreeMap<>();
        for (int r = 0; r < warmup + runs; r++) {
            for (byte[] bytes : sources) {
                for (String q : queries) {
                    StageTimings timings = new StageTimings();
                    String query = q.contains("fm=") ? q : q + "&fm=jpeg&q=80";
                    long t0 = System.nanoTime();
                    SourceImage source = source(bytes);
                    renderer.render(source, renderer.plan(source.header(), parse(query)), timings, "mezzanine",
                            HalfDecode.marked(bytes)); // as RenditionService renders from a mezzanine
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (r < warmup) continue;
                    totals.add(ms);
                    timings.millis().forEach((stage, v) -> stages.computeIfAbsent(stage, k -> new ArrayList<>())
                            .add(v));
                }
            }
        }
        StringBuilder line = new StringBuilder("%-13s median %6.1f ms".formatted(name, median(totals)));
        stages.forEach((stage, values) -> line.append("  %s %.1f".formatted(stage, median(values))));
        System.out.println(line + "  (" + totals.size() + " renders)");
    }

    static void bareCell(String name, byte[] bytes, List<Integer> widths) {
        List<Double> totals = new ArrayList<>();
        for (int r = 0; r < warmup + runs; r++) {
            for (int w : widths) {
                long t0 = System.nanoTime();
                try (VipsImage in = Vips.operation("jpegload_buffer").set("buffer", bytes).set("shrink", 2)
                        .set("access", "sequential").image()) {
                    double scale = (double) w / in.width();
                    var resize = Vips.operation("resize").set("in", in).set("scale", scale)
                            .set("vscale", Math.round(in.height() * scale) / (double) in.height()).set("kernel", "lanczos3");
                    if (!name.equals("bare-sharp")) resize.set("gap", 0.0);
                    try (VipsImage resized = resize.image();
                         VipsImage out = name.equals("bare-copy") ? resized.copyMemory() : null) {
                        Vips.operation("jpegsave_buffer").set("in", out != null ? out : resized).set("Q", 80)
                                .set("strip", true).set("optimize_coding", true).blob("buffer");
                    }
                }
                if (r >= warmup) totals.add((System.nanoTime() - t0) / 1e6);
            }
        }
        System.out.println("%-13s median %6.1f ms  (%d renders)".formatted(name, median(totals), totals.size()));
    }

    static SourceImage source(byte[] bytes) {
        return new SourceImage.InMemory(bytes, ImageProbe.header(bytes, ImageFormat.JPEG));
    }

    static RenderOptions parse(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], List.of(kv[1]));
        }
        return PARSER.parse(params);
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }
}
