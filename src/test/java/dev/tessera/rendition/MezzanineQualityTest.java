package dev.tessera.rendition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.cache.RenditionCache;
import dev.tessera.cache.RenditionCaches;
import dev.tessera.metrics.Metrics;
import dev.tessera.options.OptionsParser;
import dev.tessera.options.RenderOptions;
import dev.tessera.processing.Limits;
import dev.tessera.processing.Renderer;
import dev.tessera.processing.StageTimings;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.source.Originals;
import dev.tessera.source.QuotaCharge;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import dev.tessera.testing.Corpus;
import dev.tessera.testing.EdgeImages;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quality guard of the mezzanine: for every expensive original of the corpus and the edge cases (alpha, CMYK,
 * 16-bit, grey, WebP, all eight EXIF orientations, ICC profiles, small text), a rendition made from the mezzanine has the
 * dimensions of the direct render and a PSNR of at least 40 dB against it (lossless PNG output, all bands), at
 * widths from 300 px to half the mezzanine, whether or not the mezzanine is {@link dev.tessera.processing.HalfDecode}
 * marked.
 */
class MezzanineQualityTest {
    private static final OptionsParser PARSER = new OptionsParser(Map.of());
    /** With half the mezzanine's width: the least that a shrink by 2 on load leaves (a marked mezzanine's). */
    private static final List<String> RENDITIONS = List.of("w=300&fm=png", "w=600&fm=png",
            "w=1000&h=400&fit=inside&fm=png");
    private static final double MIN_PSNR_DB = 40;

    @TempDir Path dir;
    private final RenderPool pool = new RenderPool(1, 8);
    private final Limits limits = new Limits(100_000_000, 100, 100_000_000, Limits.DEFAULTS.renderTimeout());
    private final Renderer renderer = new Renderer(limits);
    private BlobStore store;
    private RenditionCache cache;
    private Originals originals;
    private RenditionService renditions;

    @BeforeEach
    void wire() throws Exception {
        Vips.init();
        store = BlobStores.filesystem(dir.resolve("data"));
        cache = RenditionCaches.builder().memoryBytes(32 << 20).build();
        originals = new Originals(store, pool, limits, 100 << 20, dir.resolve("spool"), new SimpleMeterRegistry(),
                System::nanoTime);
        renditions = new RenditionService(cache, pool, renderer, new Metrics());
    }

    @AfterEach
    void close() throws Exception {
        cache.close();
        pool.close();
        store.close();
    }

    static Stream<Arguments> originals() {
        List<Arguments> cases = new ArrayList<>();
        for (String photo : List.of("dragonfly.jpg", "kleiber.jpg", "seeding.jpg", "sunset.jpg", "wine.jpg")) {
            cases.add(Arguments.of(photo, file(() -> Corpus.photo(photo))));
        }
        for (String edge : List.of("progressive-20mp.jpg", "baseline-from-progressive.jpg", "cmyk.jpg",
                "grayscale.jpg", "photo.webp")) {
            cases.add(Arguments.of(edge, file(() -> Corpus.edge(edge))));
        }
        IntStream.rangeClosed(1, 8).forEach(o -> cases.add(Arguments.of("progressive, EXIF orientation " + o,
                made(() -> EdgeImages.progressiveOriented(Corpus.photo("ladybird.jpg"), o)))));
        Path kleiber = Corpus.photo("kleiber.jpg");
        cases.add(Arguments.of("Display P3 profile", made(() -> EdgeImages.withProfile(kleiber, 3000, "p3"))));
        cases.add(Arguments.of("CMYK profile", made(() -> EdgeImages.withProfile(kleiber, 3000, "cmyk"))));
        cases.add(Arguments.of("RGBA PNG", made(() -> EdgeImages.withAlpha(kleiber, 3000))));
        cases.add(Arguments.of("16-bit PNG", made(() -> EdgeImages.sixteenBit(kleiber, 2600))));
        cases.add(Arguments.of("small text (mezzanine not marked)", made(() -> EdgeImages.smallText(4000, 3000))));
        cases.add(Arguments.of("small coloured text", made(() -> EdgeImages.smallColouredText(4000, 3000))));
        return cases.stream();
    }

    private static Supplier<byte[]> file(Supplier<Path> path) {
        return () -> {
            try {
                return Files.readAllBytes(path.get());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private static Supplier<byte[]> made(Supplier<byte[]> maker) {
        return () -> {
            Vips.init();
            return maker.get();
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("originals")
    void aRenditionFromTheMezzanineMatchesTheDirectRender(String name, Supplier<byte[]> image) throws Exception {
        var upload = originals.ingest(new ByteArrayInputStream(image.get()), "t", new QuotaCharge(b -> {}, b -> {}));
        StoredOriginal source = StoredOriginal.find(originals, upload.info().id());
        assertThat(Mezzanine.worthIt(source.header())).as("%s gets a mezzanine", source.header()).isTrue();

        int half = Mezzanine.header(source.header()).width() / 2;
        for (String query : Stream.concat(RENDITIONS.stream(), Stream.of("w=" + half + "&fm=png")).toList()) {
            Plan plan = renditions.plan(source, parse(query), null);
            StageTimings timings = new StageTimings();
            byte[] viaMezzanine = renditions.serve(plan, timings).rendition().body();
            assertThat(timings.serverTiming()).as("%s made from the mezzanine", query).contains("mezzanine");
            byte[] direct = renderer.render(source.open(), plan.resolved(), new StageTimings()).body();
            assertThat(psnr(viaMezzanine, direct)).as("%s: PSNR against the direct render, dB", query)
                    .isGreaterThanOrEqualTo(MIN_PSNR_DB);
        }
    }

    private static RenderOptions parse(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], List.of(kv[1]));
        }
        return PARSER.parse(params);
    }

    /** Peak signal-to-noise ratio of two images of the same size and bands, over every band, in dB. */
    private static double psnr(byte[] a, byte[] b) {
        try (VipsImage x = Vips.operation("pngload_buffer").set("buffer", a).image();
             VipsImage y = Vips.operation("pngload_buffer").set("buffer", b).image();
             VipsImage diff = Vips.operation("subtract").set("left", x).set("right", y).image();
             VipsImage squared = Vips.operation("multiply").set("left", diff).set("right", diff).image()) {
            assertThat(new int[] {x.width(), x.height(), x.bands()}).as("width, height, bands")
                    .containsExactly(y.width(), y.height(), y.bands());
            double mse = Vips.operation("avg").set("in", squared).doubleValue("out");
            return 10 * Math.log10(255.0 * 255.0 / Math.max(mse, 1e-9));
        }
    }
}
