package dev.tessera.rendition;

import static dev.tessera.testing.JpegtranRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.cache.RenditionCache;
import dev.tessera.cache.RenditionCaches;
import dev.tessera.image.ImageInfo;
import dev.tessera.metrics.Metrics;
import dev.tessera.options.OptionsParser;
import dev.tessera.processing.Jpegtran;
import dev.tessera.processing.Limits;
import dev.tessera.processing.Renderer;
import dev.tessera.processing.StageTimings;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.source.Originals;
import dev.tessera.source.QuotaCharge;
import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import dev.tessera.testing.Corpus;
import dev.tessera.vips.Vips;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work one progressive upload causes around its first GET, counted: which decodes read the baseline copy,
 * how many copies and mezzanines are made, and in what order. Real store, pool, cache, libvips and jpegtran.
 */
class FirstRenderWorkTest {
    private static final OptionsParser PARSER = new OptionsParser(Map.of());
    private static final Limits LIMITS = new Limits(100_000_000, 100, 100_000_000, Limits.DEFAULTS.renderTimeout());
    /** ladybird.jpg made progressive: 2560x1600, its mezzanine 2048x1280, so w <= 1024 is made from the mezzanine. */
    private static final String MEZZANINE_CLASS = "800";
    private static final String ORIGINAL_CLASS = "1200";
    @TempDir Path dir;
    private final RenderPool pool = new RenderPool(1, 16);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private BlobStore store;
    private RenditionCache cache;
    private Originals originals;
    /** Another node's view of the same store, without jpegtran: stores originals as a node before copies did. */
    private Originals withoutCopies;
    private RenditionService renditions;
    private EagerRenders eager;

    @BeforeEach
    void wire() throws Exception {
        Vips.init();
        assertThat(Jpegtran.onPath()).as("jpegtran on PATH (libjpeg-turbo-progs)").isPresent();
        store = BlobStores.filesystem(dir.resolve("data"));
        cache = RenditionCaches.builder().memoryBytes(64 << 20).store(store).build();
        originals = new Originals(store, pool, LIMITS, 100 << 20, dir.resolve("spool"), registry, System::nanoTime,
                Jpegtran.onPath());
        withoutCopies = new Originals(store, pool, LIMITS, 100 << 20, dir.resolve("spool-b"),
                new SimpleMeterRegistry(), System::nanoTime, Optional.empty());
        renditions = new RenditionService(cache, pool, new Renderer(LIMITS), new Metrics());
        eager = new EagerRenders(renditions, PARSER, List.of(), pool);
    }

    @AfterEach
    void close() throws Exception {
        eager.close();
        cache.close();
        pool.close();
        store.close();
    }

    @Test
    void aMezzanineDecodeStartsNoCopyAndAnOriginalClassRenderDoes() throws Exception {
        StoredOriginal image = storedWithoutCopy(progressive(0));

        get(image, MEZZANINE_CLASS);
        // one render thread: a copy started by the mezzanine's decode would have queued before the rendition's render
        assertThat(copies("made")).as("copies made by the mezzanine-class GET").isZero();
        assertThat(pool.active() + pool.queued()).isZero();
        assertThat(store.head(BlobKeys.baselineKey(image.contentId()))).isEmpty();

        get(image, ORIGINAL_CLASS);
        awaitCopies(1);
        assertThat(store.head(BlobKeys.baselineKey(image.contentId()))).isPresent();
    }

    @Test
    void theBackgroundWorkMakesEveryQueuedMezzanineBeforeAnyCopy() throws Exception {
        StoredOriginal first = storedWithoutCopy(progressive(1));
        StoredOriginal second = storedWithoutCopy(progressive(2));

        eager.enqueue(first);
        eager.enqueue(second);
        awaitCopies(2);
        assertThat(cache.stats().misses()).as("the two mezzanines, rendered once each").isEqualTo(2);
        assertThat(copyReads()).as("decodes that read a copy: the mezzanines came first, from the originals").isZero();
        assertThat(copies("failed")).isZero();
        assertThat(written(renditionsOf(second))).as("the second upload's mezzanine stored before the first's copy")
                .isBefore(written(store.localFile(BlobKeys.baselineKey(first.contentId())).orElseThrow()));
    }

    /** The one stored rendition of the image: its mezzanine. */
    private Path renditionsOf(Source image) throws Exception {
        String id = image.contentId();
        try (var files = Files.list(dir.resolve("data/renditions").resolve(id.substring(0, 2))
                .resolve(id.substring(2, 4)).resolve(id))) {
            List<Path> stored = files.toList();
            assertThat(stored).hasSize(1);
            return stored.getFirst();
        }
    }

    private static Instant written(Path file) throws Exception {
        return Files.getLastModifiedTime(file).toInstant();
    }

    private StoredOriginal storedWithoutCopy(byte[] image) throws Exception {
        ImageInfo info = withoutCopies.ingest(new ByteArrayInputStream(image), "t", new QuotaCharge(b -> {}, b -> {}))
                .info();
        return StoredOriginal.find(originals, info.id());
    }

    private void get(Source source, String width) throws Exception {
        var options = PARSER.parse(Map.of("w", List.of(width), "fm", List.of("jpeg")));
        StageTimings timings = new StageTimings();
        renditions.serve(renditions.plan(source, options, null), timings);
        assertThat(timings.serverTiming().contains("mezzanine")).as("w=%s from the mezzanine", width)
                .isEqualTo(width.equals(MEZZANINE_CLASS));
    }

    private double copies(String result) {
        return registry.get("tessera_baseline_copies").tag("result", result).counter().count();
    }

    private double copyReads() {
        return registry.get("tessera_baseline_copy_reads").counter().count();
    }

    private void awaitCopies(int made) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (copies("made") < made && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(copies("made")).isEqualTo(made);
    }

    /** ladybird.jpg made progressive losslessly, byte-distinct per {@code n} (a comment), so each is a new image. */
    private byte[] progressive(int n) throws Exception {
        Path out = dir.resolve("progressive-" + n + ".jpg");
        run("jpegtran", "-progressive", "-copy", "all", "-outfile", out.toString(),
                Corpus.photo("ladybird.jpg").toString());
        byte[] jpeg = Files.readAllBytes(out);
        byte[] note = ("copy " + n).getBytes();
        byte[] withComment = new byte[jpeg.length + 4 + note.length];
        System.arraycopy(jpeg, 0, withComment, 0, 2); // SOI, then a COM segment
        withComment[2] = (byte) 0xff;
        withComment[3] = (byte) 0xfe;
        withComment[4] = (byte) ((note.length + 2) >> 8);
        withComment[5] = (byte) (note.length + 2);
        System.arraycopy(note, 0, withComment, 6, note.length);
        System.arraycopy(jpeg, 2, withComment, 6 + note.length, jpeg.length - 2);
        return withComment;
    }
}
