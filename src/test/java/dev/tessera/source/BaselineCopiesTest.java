package dev.tessera.source;

import static dev.tessera.testing.JpegtranRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.image.ImageFormat;
import dev.tessera.image.ImageInfo;
import dev.tessera.image.Rendition;
import dev.tessera.options.RenderOptions;
import dev.tessera.processing.Renderer;
import dev.tessera.processing.StageTimings;
import dev.tessera.image.SourceImage;
import dev.tessera.processing.Jpegtran;
import dev.tessera.processing.Limits;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import dev.tessera.testing.Corpus;
import dev.tessera.testing.JpegtranRuns;
import dev.tessera.vips.Vips;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baseline copies of progressive originals over real stores, with the real jpegtran. */
class BaselineCopiesTest {
    private static final QuotaCharge UNLIMITED = new QuotaCharge(b -> {}, b -> {});
    private static final Limits LIMITS = new Limits(100_000_000, 100, 100_000_000, Limits.DEFAULTS.renderTimeout());
    @TempDir Path dir;
    private final RenderPool pool = new RenderPool(1, 8);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private BlobStore store;
    private Originals originals;
    private byte[] progressive;

    @BeforeAll
    static void vips() {
        Vips.init();
    }

    @BeforeEach
    void wire() throws Exception {
        store = BlobStores.filesystem(dir.resolve("store"));
        originals = node(store, Jpegtran.onPath());
        progressive = progressive(Corpus.photo("ladybird.jpg"), dir.resolve("ladybird-progressive.jpg"));
    }

    @AfterEach
    void close() throws IOException {
        pool.close();
        store.close();
    }

    private Originals node(BlobStore on, Optional<Jpegtran> jpegtran) throws IOException {
        assertThat(Jpegtran.onPath()).as("jpegtran on PATH (libjpeg-turbo-progs)").isPresent();
        return new Originals(on, pool, LIMITS, 50 << 20, dir.resolve("spool"), registry, System::nanoTime, jpegtran);
    }

    private static ImageInfo ingest(Originals to, byte[] bytes) throws IOException {
        return to.ingest(new ByteArrayInputStream(bytes), "t", UNLIMITED).info();
    }

    private double copies(String result) {
        return registry.get("tessera_baseline_copies").tag("result", result).counter().count();
    }

    @Test
    void anUploadsCopyIsMadeOnceThenReadInPlaceWithTheOriginalsHeader() throws Exception {
        ImageInfo info = ingest(originals, progressive);
        assertThat(originals.source(info).orElseThrow()).isInstanceOfSatisfying(SourceImage.OnDisk.class,
                d -> assertThat(d.file().toString()).contains("originals/"));
        awaitCopy(info, 1); // the read above found none and started one in the background
        originals.prepareBaselineCopy(info);
        assertThat(copies("made")).as("made once").isEqualTo(1);

        SourceImage copy = originals.source(info).orElseThrow();
        Path stored = store.localFile(BlobKeys.baselineKey(info.id())).orElseThrow();
        assertThat(copy).isInstanceOfSatisfying(SourceImage.OnDisk.class, d -> assertThat(d.file()).isEqualTo(stored));
        assertThat(copy.header()).isEqualTo(info.header());
        assertThat(copy.header().progressive()).as("decisions stay the original's").isTrue();
        assertThat(registry.get("tessera_baseline_copy_reads").counter().count()).isPositive();
    }

    @Test
    void aStoreWithoutLocalFilesGetsTheCopyMadeAndReadsItThroughATemporaryFileOffTheHeap() throws Exception {
        BlobStore mirror = BlobStores.mirror(BlobStores.filesystem(dir.resolve("a")), BlobStores.filesystem(dir.resolve("b")));
        Originals remote = node(mirror, Jpegtran.onPath());
        ImageInfo info = ingest(remote, progressive);
        remote.prepareBaselineCopy(info);
        assertThat(copies("made")).isEqualTo(1);
        Path file;
        try (SourceImage copy = remote.source(info).orElseThrow()) {
            file = ((SourceImage.OnDisk) copy).file();
            assertThat(file.getParent()).isEqualTo(dir.resolve("spool"));
            assertThat(Files.readAllBytes(file)).isEqualTo(mirror.getBytes(BlobKeys.baselineKey(info.id()))
                    .orElseThrow()).isNotEqualTo(progressive);
            assertThat(copy.header()).isEqualTo(info.header());
        }
        assertThat(file).as("deleted on close").doesNotExist();
        assertThat(Files.list(dir.resolve("spool")).toList()).as("no temporary file left").isEmpty();
    }

    @Test
    void aStoreWithoutLocalFilesReadsAnOriginalWithoutACopyThroughATemporaryFile() throws Exception {
        BlobStore mirror = BlobStores.mirror(BlobStores.filesystem(dir.resolve("a")), BlobStores.filesystem(dir.resolve("b")));
        Originals remote = node(mirror, Jpegtran.onPath());
        byte[] baseline = Files.readAllBytes(Corpus.photo("ladybird.jpg"));
        ImageInfo info = ingest(remote, baseline);
        for (int i = 0; i < 2; i++) { // the render's read, and the mezzanine's
            SourceImage read = i == 0 ? remote.source(info).orElseThrow() : remote.sourceAsFound(info).orElseThrow();
            try (read) {
                assertThat(read).isInstanceOfSatisfying(SourceImage.OnDisk.class, d -> assertThat(d.temporary()).isTrue());
                assertThat(read.openStream().readAllBytes()).isEqualTo(baseline);
                Rendition rendition = new Renderer(LIMITS).render(read, RenderOptions.builder().width(300)
                        .format(ImageFormat.JPEG).build(), new StageTimings());
                assertThat(rendition.width()).isEqualTo(300);
            }
        }
        assertThat(Files.list(dir.resolve("spool")).toList()).as("no temporary file left").isEmpty();
    }

    @Test
    void aCopyCutShortReadsAsMissingAndIsMadeAgain() throws Exception {
        ImageInfo info = ingest(originals, progressive);
        originals.prepareBaselineCopy(info);
        Path stored = store.localFile(BlobKeys.baselineKey(info.id())).orElseThrow();
        byte[] whole = Files.readAllBytes(stored);
        Files.write(stored, Arrays.copyOf(whole, whole.length / 2)); // what a crash may leave without an fsync

        assertThat(originals.source(info).orElseThrow()).isInstanceOfSatisfying(SourceImage.OnDisk.class,
                d -> assertThat(d.file()).isNotEqualTo(stored));
        awaitCopy(info, 2);
        assertThat(Files.readAllBytes(stored)).isEqualTo(whole);
    }

    @Test
    void aFailedTranscodeIsRememberedAndTheOriginalServed() throws Exception {
        Path incomplete = JpegtranRuns.unrefinedProgressive(dir, Corpus.photo("ladybird.jpg"));
        ImageInfo info = ingest(originals, Files.readAllBytes(incomplete)); // a valid upload: it decodes cleanly
        originals.prepareBaselineCopy(info);
        originals.prepareBaselineCopy(info);
        for (int i = 0; i < 3; i++) assertThat(originals.source(info)).isPresent();
        Thread.sleep(200); // time for a background attempt, were one started
        assertThat(copies("failed")).as("tried once").isEqualTo(1);
        assertThat(copies("made")).isZero();
        assertThat(store.head(BlobKeys.baselineKey(info.id()))).isEmpty();
    }

    @Test
    void aTruncatedProgressiveOriginalGetsNoCopyAndReadsAsStored() throws Exception {
        byte[] truncated = Arrays.copyOf(progressive, progressive.length * 3 / 5);
        String id = Sha256.of(new ByteArrayInputStream(truncated)); // stored before uploads were checked
        store.put(BlobKeys.originalKey(id), new ByteArrayInputStream(truncated));
        ImageInfo info = originals.info(id).orElseThrow();
        assertThat(info.header().progressive()).isTrue();

        originals.prepareBaselineCopy(info);
        assertThat(copies("failed")).isEqualTo(1);
        SourceImage read = originals.source(info).orElseThrow();
        assertThat(Files.readAllBytes(((SourceImage.OnDisk) read).file())).isEqualTo(truncated);
        Rendition rendition = new Renderer(LIMITS).render(read, RenderOptions.builder().width(300)
                .format(ImageFormat.JPEG).build(), new StageTimings());
        assertThat(rendition.width()).as("rendered as before").isEqualTo(300);
    }

    @Test
    void aCopyOverTheRenderMemoryBudgetIsRememberedAsFailed() throws Exception {
        try (RenderPool small = new RenderPool(1, 8, Duration.ofSeconds(5), Map.of(), 8 << 20, Ticker.systemTicker())) {
            Originals node = new Originals(store, small, LIMITS, 50 << 20, dir.resolve("spool"), registry,
                    System::nanoTime, Jpegtran.onPath());
            ImageInfo info = ingest(originals, progressive); // its upload check fits the default budget only
            node.prepareBaselineCopy(info);
            node.prepareBaselineCopy(info);
            node.source(info);
            Thread.sleep(200);
            assertThat(copies("failed")).isEqualTo(1);
            assertThat(store.head(BlobKeys.baselineKey(info.id()))).isEmpty();
        }
    }

    @Test
    void withoutJpegtranNothingIsMade() throws Exception {
        Originals off = node(store, Optional.empty());
        ImageInfo info = ingest(off, progressive);
        off.prepareBaselineCopy(info);
        off.source(info);
        Thread.sleep(200);
        assertThat(store.head(BlobKeys.baselineKey(info.id()))).isEmpty();
        assertThat(copies("made") + copies("failed")).isZero();
    }

    @Test
    void baselineAndNonJpegOriginalsGetNone() throws Exception {
        for (Path p : new Path[] {Corpus.photo("ladybird.jpg"), Corpus.edge("alpha-rgba.png")}) {
            ImageInfo info = ingest(originals, Files.readAllBytes(p));
            originals.prepareBaselineCopy(info);
            originals.source(info);
            assertThat(store.head(BlobKeys.baselineKey(info.id()))).isEmpty();
        }
        Thread.sleep(200);
        assertThat(copies("made") + copies("failed")).isZero();
    }

    @Test
    void theLastOwnersDeleteTakesTheCopy() throws Exception {
        ImageInfo info = ingest(originals, progressive);
        originals.prepareBaselineCopy(info);
        assertThat(store.head(BlobKeys.baselineKey(info.id()))).isPresent();
        originals.disown(info.id(), "t");
        assertThat(store.head(BlobKeys.baselineKey(info.id()))).isEmpty();
    }

    /** Until the copy reads and {@code made} copies were counted. */
    private void awaitCopy(ImageInfo info, int made) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (copies("made") < made || originals.source(info).orElseThrow() instanceof SourceImage.OnDisk d
                && !d.file().toString().contains("baselines/")) {
            assertThat(System.nanoTime()).as("the copy made in the background within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static byte[] progressive(Path from, Path to) throws Exception {
        run("jpegtran", "-progressive", "-copy", "all", "-outfile", to.toString(), from.toString());
        return Files.readAllBytes(to);
    }
}
