// AVIF and WebP encode cost per output size (issue 17 item 5): does the effort Tessera picks per size keep
// an AVIF miss inside the render deadline? One thread, in process, bytes in memory to encoded bytes.
// Run: ./tessera bench codecs [--runs N] [--photo NAME]   (under /work/bin/quiet for figures)
// For each output size (a corpus photo resized to 0.15-8 MP; 8 MP is AVIF's frame cap) the Renderer renders it
// as the server does (EncoderSettings picks the effort): its encode stage and whole render in ms, ms per MP,
// and the whole render as a share of the 10 s deadline, alone on a core and with 4 renders per core (c=8 on
// 2 cores). Then, up to 2.4 MP, bare heifsave/webpsave at other efforts on the same pixels: what the choice buys.
import dev.tessera.image.ImageHeader;
import dev.tessera.image.SourceImage;
import dev.tessera.options.OptionsParser;
import dev.tessera.processing.ImageProbe;
import dev.tessera.processing.Limits;
import dev.tessera.processing.Renderer;
import dev.tessera.processing.StageTimings;
import dev.tessera.source.FormatSniffer;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

public class EncodeBench {
    static int runs = 3;
    static final Renderer RENDERER = new Renderer(Limits.DEFAULTS);
    static final OptionsParser PARSER = new OptionsParser(Map.of());
    static final int[] WIDTHS = {512, 1024, 1332, 1340, 2048, 2730, 3770};

    public static void main(String[] args) throws Exception {
        String photo = "kleiber.jpg";
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--photo" -> photo = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Vips.init();
        byte[] bytes = Files.readAllBytes(Path.of(args[0]).resolve("photos").resolve(photo));
        ImageHeader h = ImageProbe.header(bytes, FormatSniffer.sniff(Arrays.copyOf(bytes, 64)).orElseThrow());
        SourceImage source = new SourceImage.InMemory(bytes, h);
        long deadlineMs = Limits.DEFAULTS.renderTimeout().toMillis();
        System.out.printf("libvips %s, %s %dx%d, median of %d, 1 thread, deadline %d ms%n", Vips.version(), photo,
                h.width(), h.height(), runs, deadlineMs);
        System.out.printf("%-5s %-10s %6s %10s %10s %8s %8s %9s %11s%n", "fmt", "output", "MP", "encode ms",
                "render ms", "ms/MP", "KB", "%deadline", "%dl at c=8");
        for (String fmt : List.of("avif:65", "webp:75")) {
            String[] f = fmt.split(":");
            for (int w : WIDTHS) {
                var options = PARSER.parse(Map.of("w", List.of("" + w), "fm", List.of(f[0]), "q", List.of(f[1])));
                StageTimings stages = new StageTimings();
                byte[][] out = new byte[1][];
                double render = median(() -> out[0] = RENDERER.render(source, options, stages).body());
                double encode = stages.millis().get("encode") / (runs + 1);
                int hgt = Renderer.layout(h, options).height();
                double mp = (double) w * hgt / 1e6;
                System.out.printf("%-5s %-10s %6.2f %10.1f %10.1f %8.1f %8.1f %8.1f%% %10.1f%%%n", f[0],
                        w + "x" + hgt, mp, encode, render, encode / mp, out[0].length / 1024.0,
                        100 * render / deadlineMs, 400 * render / deadlineMs);
            }
        }
        System.out.println("the same pixels at other efforts (bare saver calls):");
        System.out.printf("%-5s %-10s %6s %7s %10s %8s %8s%n", "fmt", "output", "MP", "effort", "encode ms", "ms/MP", "KB");
        for (int w : new int[] {512, 1024, 1332, 2048}) {
            try (VipsImage pixels = pixels(bytes, w)) {
                double mp = (double) pixels.width() * pixels.height() / 1e6;
                for (int effort : new int[] {0, 1, 2, 4}) report("avif", pixels, mp, effort, () -> Vips
                        .operation("heifsave_buffer").set("in", pixels).set("Q", 65).set("compression", "av1")
                        .set("effort", effort).set("strip", true).blob("buffer"));
                for (int effort : new int[] {0, 4}) report("webp", pixels, mp, effort, () -> Vips
                        .operation("webpsave_buffer").set("in", pixels).set("Q", 75).set("effort", effort)
                        .set("strip", true).blob("buffer"));
            }
        }
    }

    static void report(String fmt, VipsImage pixels, double mp, int effort, Supplier<byte[]> encode) {
        byte[][] out = new byte[1][];
        double ms = median(() -> out[0] = encode.get());
        System.out.printf("%-5s %-10s %6.2f %7d %10.1f %8.1f %8.1f%n", fmt, pixels.width() + "x" + pixels.height(),
                mp, effort, ms, ms / mp, out[0].length / 1024.0);
    }

    /** The photo resized to {@code width}, computed into memory, so only the encoder is timed. */
    static VipsImage pixels(byte[] bytes, int width) {
        try (VipsImage thumb = Vips.operation("thumbnail_buffer").set("buffer", bytes).set("width", width).image()) {
            return thumb.copyMemory();
        }
    }

    static double median(Supplier<byte[]> work) {
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
