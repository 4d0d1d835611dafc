package dev.tessera.processing;

import static dev.tessera.testing.JpegtranRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Corpus;
import dev.tessera.testing.JpegtranRuns;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The baseline copy (real jpegtran, real libvips) decodes to the very pixels of its progressive original at every
 * shrink-on-load, across the corpus photos and progressive variants of the edge cases; what would not is refused.
 */
class JpegtranTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    @TempDir static Path dir;
    private static Jpegtran jpegtran;

    @BeforeAll
    static void init() {
        Vips.init();
        jpegtran = Jpegtran.onPath().orElseThrow(() -> new AssertionError(
                "jpegtran is not on PATH (Debian: libjpeg-turbo-progs; ./tessera installs it)"));
    }

    /** Progressive originals: the corpus photos (made progressive when they are not) and edge cases. */
    static Stream<String> originals() {
        List<String> names = new ArrayList<>();
        for (Path p : Corpus.photos()) names.add("photos/" + p.getFileName());
        names.addAll(List.of("edge/cmyk.jpg", "edge/grayscale.jpg", "edge/exif-orient-6.jpg", "edge/exif-orient-8.jpg",
                "icc", "444"));
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("originals")
    void theCopyDecodesToTheSamePixelsAtEveryShrink(String name) throws Exception {
        Path original = progressiveOriginal(name);
        assertThat(interlaced(original)).as("the original is progressive").isTrue();
        Path copy = dir.resolve(name.replace('/', '-') + ".baseline.jpg");
        assertThat(jpegtran.toBaseline(original, copy, TIMEOUT)).isTrue();
        assertThat(interlaced(copy)).as("the copy is baseline").isFalse();
        for (int shrink : new int[] {1, 2, 4, 8}) {
            assertThat(maxDifference(original, copy, shrink)).as("%s at shrink %d", name, shrink).isZero();
        }
    }

    @Test
    void refusesAScanScriptThatNeverRefinesTheCoefficients() throws Exception {
        Path incomplete = JpegtranRuns.unrefinedProgressive(dir, Corpus.photo("ladybird.jpg"));
        Path copy = dir.resolve("incomplete.baseline.jpg");
        run("jpegtran", "-copy", "all", "-optimize", "-outfile", copy.toString(), incomplete.toString());
        assertThat(maxDifference(incomplete, copy, 1)).as("libjpeg smooths what is not refined").isPositive();

        assertThat(ScanScript.complete(incomplete)).isFalse();
        assertThat(jpegtran.toBaseline(incomplete, dir.resolve("refused.jpg"), TIMEOUT)).isFalse();
    }

    @Test
    void refusesTruncatedCorruptAndBaselineJpegs() throws Exception {
        byte[] whole = Files.readAllBytes(progressiveOriginal("photos/ladybird.jpg"));
        Path truncated = Files.write(dir.resolve("truncated-progressive.jpg"),
                java.util.Arrays.copyOf(whole, whole.length * 3 / 5));
        byte[] bytes = whole.clone();
        for (int i = bytes.length / 2; i < bytes.length / 2 + 4096; i++) bytes[i] = 0;
        Path corrupt = Files.write(dir.resolve("corrupt-progressive.jpg"), bytes);

        assertThat(jpegtran.toBaseline(truncated, dir.resolve("t.jpg"), TIMEOUT)).isFalse();
        assertThat(jpegtran.toBaseline(corrupt, dir.resolve("c.jpg"), TIMEOUT)).isFalse();
        assertThat(jpegtran.toBaseline(Corpus.edge("baseline-from-progressive.jpg"), dir.resolve("b.jpg"), TIMEOUT))
                .as("already baseline").isFalse();
        assertThat(jpegtran.toBaseline(Corpus.edge("truncated.jpg"), dir.resolve("e.jpg"), TIMEOUT)).isFalse();
    }

    @Test
    void aTranscodePastItsTimeoutIsKilledAndRefused() throws Exception {
        Path big = Corpus.edge("progressive-20mp.jpg");
        long start = System.nanoTime();
        assertThat(jpegtran.toBaseline(big, dir.resolve("slow.jpg"), Duration.ofMillis(1))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    /** The named original, progressive: as stored when it is, else made progressive losslessly with jpegtran. */
    private static Path progressiveOriginal(String name) throws Exception {
        Path out = dir.resolve(name.replace('/', '-') + ".progressive.jpg");
        if (Files.exists(out)) return out;
        Path source = switch (name) {
            case "icc" -> save(Corpus.photo("ladybird.jpg"), "icc.jpg", "profile", "p3");
            case "444" -> save(Corpus.photo("ladybird.jpg"), "444.jpg", "subsample_mode", "off");
            default -> Corpus.dir().resolve(name);
        };
        if (interlaced(source)) return source;
        run("jpegtran", "-progressive", "-copy", "all", "-outfile", out.toString(), source.toString());
        return out;
    }

    private static Path save(Path from, String name, String option, Object value) throws IOException {
        Path out = dir.resolve(name);
        try (VipsImage in = Vips.operation("jpegload").set("filename", from.toString()).image()) {
            Files.write(out, Vips.operation("jpegsave_buffer").set("in", in).set("Q", 90).set(option, value)
                    .blob("buffer"));
        }
        return out;
    }

    private static boolean interlaced(Path jpeg) {
        try (VipsImage in = Vips.operation("jpegload").set("filename", jpeg.toString()).image()) {
            return in.intField("interlaced").orElse(0) == 1;
        }
    }

    /** The largest absolute difference of any sample of the two decodes at this shrink-on-load. */
    private static double maxDifference(Path a, Path b, int shrink) {
        try (VipsImage x = Vips.operation("jpegload").set("filename", a.toString()).set("shrink", shrink).image();
             VipsImage y = Vips.operation("jpegload").set("filename", b.toString()).set("shrink", shrink).image()) {
            assertThat(y.width()).isEqualTo(x.width());
            assertThat(y.height()).isEqualTo(x.height());
            assertThat(y.bands()).isEqualTo(x.bands());
            try (VipsImage d = Vips.operation("subtract").set("left", x).set("right", y).image();
                 VipsImage abs = Vips.operation("abs").set("in", d).image()) {
                return Vips.operation("max").set("in", abs).doubleValue("out");
            }
        }
    }
}
