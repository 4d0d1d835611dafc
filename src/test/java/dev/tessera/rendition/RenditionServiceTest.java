package dev.tessera.rendition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.cache.CacheResult;
import dev.tessera.cache.CacheTier;
import dev.tessera.cache.RenditionCache;
import dev.tessera.cache.RenditionCaches;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.image.ImageException;
import dev.tessera.image.ImageHeader;
import dev.tessera.image.ImageFormat;
import dev.tessera.metrics.Metrics;
import dev.tessera.options.OptionsParser;
import dev.tessera.options.RenderOptions;
import dev.tessera.processing.DecodedFrames;
import dev.tessera.processing.ImageProbe;
import dev.tessera.processing.Limits;
import dev.tessera.processing.MemoryEstimate;
import dev.tessera.processing.Renderer;
import dev.tessera.processing.StageTimings;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.source.ImageNotFoundException;
import dev.tessera.source.Originals;
import dev.tessera.source.QuotaCharge;
import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import dev.tessera.testing.MemoryBombs;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The rendition use case without HTTP, over a stored original: plan once, then serve through cache and pool. */
class RenditionServiceTest {
    private static final OptionsParser PARSER = new OptionsParser(Map.of());
    @TempDir Path dir;
    private final RenderPool pool = new RenderPool(1, 8);
    private BlobStore store;
    private RenditionCache cache;
    private Originals originals;
    private RenditionService renditions;

    @BeforeEach
    void wire() throws Exception {
        Vips.init();
        store = BlobStores.filesystem(dir.resolve("data"));
        cache = RenditionCaches.builder().memoryBytes(8 << 20).build();
        Limits limits = new Limits(100_000_000, 100, 100_000_000, Limits.DEFAULTS.renderTimeout());
        originals = new Originals(store, pool, limits, 50 << 20, dir.resolve("spool"), new SimpleMeterRegistry(),
                System::nanoTime);
        renditions = new RenditionService(cache, pool, new Renderer(limits), new Metrics());
    }

    @AfterEach
    void close() throws Exception {
        cache.close();
        pool.close();
        store.close();
    }

    private StoredOriginal upload(byte[] image) throws Exception {
        var upload = originals.ingest(new ByteArrayInputStream(image), "t", new QuotaCharge(b -> {}, b -> {}));
        return StoredOriginal.find(originals, upload.info().id());
    }

    private StoredOriginal upload(int width, int height) throws Exception {
        byte[] png;
        try (VipsImage grey = Vips.operation("black").set("width", width).set("height", height).set("bands", 3)
                .image()) {
            png = Vips.operation("pngsave_buffer").set("in", grey).blob("buffer");
        }
        var upload = originals.ingest(new ByteArrayInputStream(png), "t", new QuotaCharge(b -> {}, b -> {}));
        return StoredOriginal.find(originals, upload.info().id());
    }

    private static RenderOptions options(String name, String value) {
        return PARSER.parse(Map.of(name, List.of(value)));
    }

    @Test
    void aNegotiatedPlanNamesItsFormatInTheKeyAndVariesOnAccept() throws Exception {
        StoredOriginal source = upload(80, 40);
        Plan webp = renditions.plan(source, options("fm", "auto"), "image/webp,*/*");
        Plan fallback = renditions.plan(source, options("fm", "auto"), null);
        assertThat(webp.resolved().output().format()).isEqualTo(ImageFormat.WEBP);
        assertThat(fallback.resolved().output().format()).isEqualTo(ImageFormat.JPEG);
        assertThat(webp.variesOnAccept()).isTrue();
        assertThat(webp.key()).isNotEqualTo(fallback.key());
        assertThat(webp.etag()).isEqualTo("\"" + webp.key() + "\"");
        assertThat(renditions.plan(source, options("fm", "png"), "image/webp").variesOnAccept()).isFalse();
    }

    @Test
    void servesARenderOnceThenFromMemory() throws Exception {
        Plan plan = renditions.plan(upload(80, 40), options("w", "20"), null);
        CacheResult first = renditions.serve(plan, new StageTimings());
        CacheResult second = renditions.serve(plan, new StageTimings());
        assertThat(first.tier()).isEqualTo(CacheTier.MISS);
        assertThat(first.rendition().format()).isEqualTo(ImageFormat.PNG);
        assertThat(first.rendition().width()).isEqualTo(20);
        assertThat(second.tier()).isEqualTo(CacheTier.MEMORY);
        assertThat(second.rendition().body()).isEqualTo(first.rendition().body());
    }

    @Test
    void anOriginalGoneFromTheStoreIsADomainNotFound() throws Exception {
        StoredOriginal source = upload(80, 40);
        Plan plan = renditions.plan(source, options("w", "20"), null);
        store.delete(BlobKeys.originalKey(source.contentId()));
        assertThatThrownBy(() -> renditions.serve(plan, new StageTimings()))
                .isInstanceOf(ImageNotFoundException.class).hasMessageContaining(source.contentId());
    }

    /** 4000x3000 -> 2000x1500: the decoder's shrink by 2 with no resize (was 2048x1536 from a full decode). */
    @Test
    void aJpegWhoseHalfIsNearlyTheMezzanineSizeGetsExactlyItsHalf() throws Exception {
        StoredOriginal source = upload(MemoryBombs.progressiveJpeg(4000, 3000));
        assertThat(renditions.prepareMezzanine(source)).isTrue();
        CacheResult mezzanine = renditions.fromMemory(source.contentId(),
                RenditionKey.mezzanine(source.contentId(), Mezzanine.options(source.header())));
        ImageHeader probed = ImageProbe.header(mezzanine.rendition().body(), mezzanine.rendition().format());
        assertThat(new int[] {probed.width(), probed.height()}).containsExactly(2000, 1500);
        assertThat(Mezzanine.header(source.header())).isEqualTo(asEstimated(probed));
        RenderOptions w1000 = renditions.plan(source, options("w", "1000"), null).resolved();
        RenderOptions w1001 = renditions.plan(source, options("w", "1001"), null).resolved();
        assertThat(Mezzanine.plan(source.header(), w1000, Renderer.layout(source.header(), w1000))).isPresent();
        assertThat(Mezzanine.plan(source.header(), w1001, Renderer.layout(source.header(), w1001))).isEmpty();
        // a rendition asked with the mezzanine's own options is rendered as any rendition, under another key
        Plan same = renditions.plan(source, PARSER.parse(Map.of("w", List.of("2000"), "h", List.of("2000"),
                "fit", List.of("inside"), "anim", List.of("0"), "fm", List.of("jpeg"), "q", List.of("92"))), null);
        assertThat(same.resolved().canonical()).isEqualTo(Mezzanine.options(source.header()).canonical());
        assertThat(same.key()).isNotEqualTo(RenditionKey.mezzanine(source.contentId(), Mezzanine.options(source.header())));
    }

    /**
     * libvips 8.14 aborts the process on a decode shrunk to 0 px: a 1,171-byte progressive 5000x1 JPEG did, while
     * its mezzanine was made in the upload's background work. A PNG line's JPEG mezzanine is 1 px high too.
     */
    @ParameterizedTest(name = "{0} {1}x{2}")
    @CsvSource({"JPEG,5000,1", "JPEG,1,5000", "JPEG,5000,3", "JPEG,4001,3001", "PNG,100000,1"})
    void aMezzanineIsMadeOfAnOriginalOfAnyShape(String format, int width, int height) throws Exception {
        StoredOriginal source = format.equals("PNG") ? upload(width, height)
                : upload(MemoryBombs.progressiveJpeg(width, height));
        assertThat(renditions.prepareMezzanine(source)).isTrue();
        CacheResult mezzanine = renditions.fromMemory(source.contentId(),
                RenditionKey.mezzanine(source.contentId(), Mezzanine.options(source.header())));
        ImageHeader probed = ImageProbe.header(mezzanine.rendition().body(), mezzanine.rendition().format());
        ImageHeader planned = Mezzanine.header(source.header());
        assertThat(new int[] {probed.width(), probed.height()}).containsExactly(planned.width(), planned.height());
    }

    @Test
    void aRenditionFromTheMezzanineIsAdmittedAtTheMezzaninesMemoryNotTheOriginals() throws Exception {
        StoredOriginal source = upload(MemoryBombs.progressiveJpeg(3000, 2000));
        ImageHeader original = source.header();
        assertThat(renditions.prepareMezzanine(source)).isTrue();
        RenderOptions mezzanineOptions = Mezzanine.options(original);
        CacheResult mezzanine = renditions.fromMemory(source.contentId(),
                RenditionKey.mezzanine(source.contentId(), mezzanineOptions));
        ImageHeader probed = ImageProbe.header(mezzanine.rendition().body(), mezzanine.rendition().format());
        assertThat(Mezzanine.header(original)).isEqualTo(asEstimated(probed));

        RenderOptions thumbnail300 = renditions.plan(source, options("w", "300"), null).resolved();
        long fromOriginal = MemoryEstimate.render(original, Renderer.layout(original, thumbnail300));
        long budget = 32L << 20; // the 2048 px baseline mezzanine fits; the 6 MP progressive decode (~54 MB) does not
        assertThat(fromOriginal).isGreaterThan(budget);
        try (RenderPool small = new RenderPool(1, 8, Duration.ofSeconds(10), Map.of(), budget, Ticker.systemTicker())) {
            RenditionService tight = new RenditionService(cache, small, new Renderer(Limits.DEFAULTS), new Metrics());
            CacheResult thumbnail = tight.serve(tight.plan(source, options("w", "300"), null), new StageTimings());
            assertThat(thumbnail.tier()).isEqualTo(CacheTier.MISS);
            assertThat(thumbnail.rendition().width()).isEqualTo(300);
            Plan large = tight.plan(source, options("w", "1500"), null); // over half the mezzanine: the original
            assertThatThrownBy(() -> tight.serve(large, new StageTimings())).isInstanceOf(ImageException.class)
                    .extracting(e -> ((ImageException) e).reason()).isEqualTo(ImageException.Reason.OVER_MEMORY_BUDGET);
        }
    }

    /**
     * A new mezzanine's faithful half decode is kept (its measure made it) and every rendition that follows reuses it:
     * the bytes of a service keeping none.
     */
    @Test
    void renditionsFromTheMezzanineReuseItsDecodeWithTheSameBytes() throws Exception {
        StoredOriginal source = upload(MemoryBombs.progressiveJpeg(3000, 2000));
        Limits limits = Limits.DEFAULTS;
        try (DecodedFrames frames = new DecodedFrames(64L << 20, Duration.ofMinutes(1));
             RenditionCache other = RenditionCaches.builder().memoryBytes(8 << 20).build()) {
            RenditionService keeping = new RenditionService(cache, pool, new Renderer(limits).keeping(frames),
                    new Metrics());
            RenditionService plain = new RenditionService(other, pool, new Renderer(limits), new Metrics());
            // from the 2048x1365 mezzanine, marked: each shrinks it by 2 on load, the decode its measure kept
            for (String width : List.of("600", "650", "700")) {
                CacheResult kept = keeping.serve(keeping.plan(source, options("w", width), null), new StageTimings());
                CacheResult fresh = plain.serve(plain.plan(source, options("w", width), null), new StageTimings());
                assertThat(kept.tier()).isEqualTo(CacheTier.MISS);
                assertThat(kept.rendition().body()).as("w=%s", width).isEqualTo(fresh.rendition().body());
            }
            assertThat(frames.reused()).isEqualTo(3);
        }
    }

    @Test
    void aRenditionFromTheMezzanineIsPlannedAgainstTheMezzaninesTimeNotTheOriginals() throws Exception {
        StoredOriginal source = upload(MemoryBombs.progressiveJpeg(3000, 2000));
        // predictions x60 (real deadlines unchanged): decoding the 6 MP original ~14 s, over the 10 s deadline;
        // the 2.8 MP mezzanine ~7 s; making the mezzanine ~20 s, within its 5 deadlines
        Limits slow = new Limits(100_000_000, 100, 100_000_000, Duration.ofSeconds(10), 60);
        RenditionService timed = new RenditionService(cache, pool, new Renderer(slow), new Metrics());
        CacheResult thumbnail = timed.serve(timed.plan(source, options("w", "300"), null), new StageTimings());
        assertThat(thumbnail.rendition().width()).isEqualTo(300);
        Plan large = timed.plan(source, options("w", "1500"), null); // over half the mezzanine: the original
        assertThatThrownBy(() -> timed.serve(large, new StageTimings())).isInstanceOf(ImageException.class)
                .extracting(e -> ((ImageException) e).reason()).isEqualTo(ImageException.Reason.RENDER_TOO_COSTLY);
    }

    /**
     * A mezzanine's probed header as Mezzanine.header knows it in advance: chroma subsampling as 4:4:4 (the larger
     * memory estimate) whether HalfDecode kept it 4:2:0 (4 pixels a chroma sample) or not.
     */
    private static ImageHeader asEstimated(ImageHeader probed) {
        assertThat(probed.chromaSubsampling()).as("4:2:0 or 4:4:4").isIn(1, 4);
        return new ImageHeader(probed.format(), probed.width(), probed.height(), probed.orientation(), probed.hasAlpha(),
                probed.pages(), probed.progressive(), probed.bands(), probed.bitDepth(), 1);
    }
}
