// The encode side of the per-image gap to sharp (issue 17 item 6): Tessera's JPEG q80 and WebP q75 saves vs the
// options sharp passes to libvips for the same output, on the same pixels, time and bytes side by side.
// Run: ./tessera bench encoders [--runs N] [--dump DIR]   (under /work/bin/quiet for figures)
// Pixels: each corpus photo fit into 512x512 (thumbnail, computed into memory), so only the saver is timed, one
// libvips thread. --dump DIR writes those pixels as PNG for bench/encoders/sharp-encoders.js (sharp's side).
// "same pixels" checks a lossless option: the variant's output decodes to exactly the pixels of Tessera's.
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import dev.tessera.vips.VipsOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

public class EncoderOptionsBench {
    static int runs = 15;

    /** Variant name -> saver call on the pixels; the first of each format is what Tessera's Encoder asks. */
    static final Map<String, Function<VipsImage, VipsOperation>> VARIANTS = new LinkedHashMap<>();
    static {
        VARIANTS.put("jpeg tessera (Q80, strip)", p -> jpeg(p));
        VARIANTS.put("jpeg +optimize_coding (sharp's default)", p -> jpeg(p).set("optimize_coding", true));
        VARIANTS.put("jpeg +optimize_coding +interlace", p -> jpeg(p).set("optimize_coding", true).set("interlace", true));
        VARIANTS.put("webp tessera (Q75, effort 4, strip) = sharp's defaults", p -> webp(p));
        VARIANTS.put("webp +smart_subsample", p -> webp(p).set("smart_subsample", true));
        VARIANTS.put("webp effort 2", p -> webp(p).set("effort", 2));
        VARIANTS.put("webp preset photo", p -> webp(p).set("preset", "photo"));
    }

    static VipsOperation jpeg(VipsImage p) {
        return Vips.operation("jpegsave_buffer").set("in", p).set("Q", 80).set("strip", true);
    }

    static VipsOperation webp(VipsImage p) {
        return Vips.operation("webpsave_buffer").set("in", p).set("Q", 75).set("strip", true);
    }

    public static void main(String[] args) throws Exception {
        Path dump = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--dump" -> dump = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Vips.init();
        List<Path> photos;
        try (Stream<Path> s = Files.list(Path.of(args[0]).resolve("photos"))) {
            photos = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        System.out.printf("libvips %s, %d corpus photos fit 512x512, median of %d, 1 thread%n", Vips.version(),
                photos.size(), runs);
        System.out.printf("%-52s %-16s %9s %9s %11s%n", "variant", "photo", "ms", "bytes", "same pixels");
        Map<String, List<double[]>> totals = new LinkedHashMap<>();
        List<Double> readBack = new ArrayList<>();
        for (Path photo : photos) {
            try (VipsImage pixels = fit512(Files.readAllBytes(photo))) {
                String name = photo.getFileName().toString();
                if (dump != null) {
                    Files.createDirectories(dump);
                    Files.write(dump.resolve(name.replace(".jpg", ".png")),
                            Vips.operation("pngsave_buffer").set("in", pixels).set("compression", 1).blob("buffer"));
                }
                Map<String, byte[]> reference = new LinkedHashMap<>();
                for (var v : VARIANTS.entrySet()) {
                    byte[][] out = new byte[1][];
                    double ms = median(() -> out[0] = v.getValue().apply(pixels).blob("buffer"));
                    String format = v.getKey().substring(0, 4);
                    reference.putIfAbsent(format, out[0]);
                    String same = v.getKey().contains("tessera") ? "-"
                            : Arrays.equals(decoded(out[0], format), decoded(reference.get(format), format)) ? "yes" : "no";
                    System.out.printf("%-52s %-16s %9.2f %9d %11s%n", v.getKey(), name, ms, out[0].length, same);
                    totals.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(new double[] {ms, out[0].length});
                }
                byte[] jpeg = reference.get("jpeg");
                readBack.add(median(() -> {
                    try (VipsImage h = Vips.operation("jpegload_buffer").set("buffer", jpeg).image()) {
                        h.width();
                    }
                    return jpeg;
                }));
            }
        }
        System.out.printf("%ngeomean over photos (x the format's Tessera row):%n");
        Map<String, double[]> base = new LinkedHashMap<>();
        for (var e : totals.entrySet()) {
            double ms = geomean(e.getValue(), 0), bytes = geomean(e.getValue(), 1);
            double[] b = base.computeIfAbsent(e.getKey().substring(0, 4), k -> new double[] {ms, bytes});
            System.out.printf("%-52s %9.2f ms (%.2fx) %9.0f bytes (%.3fx)%n", e.getKey(), ms, ms / b[0], bytes,
                    bytes / b[1]);
        }
        System.out.printf("Encoder's read-back of a JPEG header: median %.3f ms%n",
                readBack.stream().mapToDouble(Double::doubleValue).sorted().toArray()[readBack.size() / 2]);
    }

    static VipsImage fit512(byte[] bytes) {
        try (VipsImage thumb = Vips.operation("thumbnail_buffer").set("buffer", bytes).set("width", 512)
                .set("height", 512).image()) {
            return thumb.copyMemory();
        }
    }

    static byte[] decoded(byte[] encoded, String format) {
        String loader = format.equals("jpeg") ? "jpegload_buffer" : "webpload_buffer";
        try (VipsImage img = Vips.operation(loader).set("buffer", encoded).image()) {
            return img.toBytes();
        }
    }

    static double geomean(List<double[]> rows, int column) {
        return Math.exp(rows.stream().mapToDouble(r -> Math.log(r[column])).average().orElse(0));
    }

    static double median(java.util.function.Supplier<byte[]> work) {
        work.get();
        work.get();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }
}
