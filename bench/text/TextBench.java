import dev.tessera.text.Align;
import dev.tessera.text.Direction;
import dev.tessera.text.TextLayout;
import dev.tessera.text.TextStyle;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * bench/text: time of one text layer laid out and drawn (a raster-cache miss: every text is new), per kind of
 * title, beside one bare libvips {@code text} call of the same title (the floor: one Pango layout + draw),
 * timed alternately run by run. Medians after warm-up, one thread. Args: [runs=200].
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

    /** Times ours and the floor alternately, run by run, so both see the same load; prints their medians. */
    static void row(String name, int runs, IntConsumer layoutRun, String text, int size) {
        IntConsumer floorRun = i -> {
            try (VipsImage img = Vips.operation("text").set("text", text + " " + i).set("font", "DejaVu Sans, " + size)
                    .set("width", 500).set("dpi", 72).set("rgba", true).set("wrap", "word-char").image()) {
                img.toBytes();
            }
        };
        for (int i = 0; i < runs / 4 + 5; i++) { layoutRun.accept(1_000_000 + i); floorRun.accept(1_000_000 + i); }
        long[] ours = new long[runs], floor = new long[runs];
        for (int i = 0; i < runs; i++) {
            ours[i] = time(layoutRun, i);
            floor[i] = time(floorRun, i);
        }
        double a = median(ours), b = median(floor);
        System.out.printf("%-28s %10.3f %12.3f %7.2fx%n", name, a, b, a / b);
    }

    static long time(IntConsumer run, int i) {
        long t0 = System.nanoTime();
        run.accept(i);
        return System.nanoTime() - t0;
    }

    static double median(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
