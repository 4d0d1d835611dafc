import dev.tessera.text.Align;
import dev.tessera.text.Direction;
import dev.tessera.text.TextLayout;
import dev.tessera.text.TextStyle;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * bench/text: time of one text layer laid out and drawn (a raster-cache miss: every text is new), per kind of
 * title, beside one bare libvips {@code text} call of the same title (the floor: one Pango layout + draw).
 * Medians after warm-up, one thread. Args: [runs=200].
 */
public class TextBench {
    static final TextStyle TITLE = new TextStyle("DejaVu Sans", 44, 0, false, 0x111111ff, Align.LEFT, 3, Direction.AUTO);
    static final TextStyle SHRINK = new TextStyle("DejaVu Sans", 44, 20, false, 0x111111ff, Align.LEFT, 3, Direction.AUTO);
    static final TextStyle PRICE = new TextStyle("DejaVu Sans", 56, 0, true, 0xffffffff, Align.CENTER, 1, Direction.AUTO);
    static final String SHORT = "Organic cotton shirt, long sleeves";
    static final String LONG = "Organic cotton shirt with long sleeves, mother-of-pearl buttons, a button-down collar "
            + "and a chest pocket, garment-dyed in small batches in Portugal and finished by hand in our workshop";
    static final String ARABIC = "\u0642\u0645\u064a\u0635 \u0642\u0637\u0646\u064a \u0639\u0636\u0648\u064a "
            + "\u0628\u0623\u0643\u0645\u0627\u0645 \u0637\u0648\u064a\u0644\u0629 2024";

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Vips.init();
        TextLayout layout = TextLayout.create(1, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        System.out.printf("%-28s %10s %12s %8s%n", "case", "layout ms", "vips text ms", "ratio");
        row("short title (fits, 1 line)", runs, i -> layout.layout(SHORT + " " + i, TITLE, 500, 300), SHORT, 44);
        row("long title (cut, 3 lines)", runs, i -> layout.layout(LONG + " " + i, TITLE, 500, 300), LONG, 44);
        row("long title (minSize 20)", runs, i -> layout.layout(LONG + " " + i, SHRINK, 500, 300), LONG, 44);
        row("arabic title", runs, i -> layout.layout(ARABIC + " " + i, TITLE, 500, 300), ARABIC, 44);
        row("price badge", runs, i -> layout.layout("\u20ac" + i + ",99", PRICE, 280, 80), "\u20ac19,99", 56);
    }

    static void row(String name, int runs, IntConsumer layoutRun, String text, int size) {
        double ours = median(runs, layoutRun);
        double floor = median(runs, i -> {
            try (VipsImage img = Vips.operation("text").set("text", text + " " + i).set("font", "DejaVu Sans, " + size)
                    .set("width", 500).set("dpi", 72).set("rgba", true).set("wrap", "word-char").image()) {
                img.toBytes();
            }
        });
        System.out.printf("%-28s %10.3f %12.3f %7.2fx%n", name, ours, floor, ours / floor);
    }

    static double median(int runs, IntConsumer run) {
        for (int i = 0; i < runs / 4 + 5; i++) run.accept(1_000_000 + i);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            run.accept(i);
            times.add(System.nanoTime() - t0);
        }
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2] / 1e6;
    }
}
