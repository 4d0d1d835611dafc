package dev.tessera.rendition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.cache.CacheResult;
import dev.tessera.cache.CacheTier;
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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Background work for new uploads: the mezzanine of an expensive original is made before anyone asks. */
class EagerRendersTest {
    private static final OptionsParser PARSER = new OptionsParser(Map.of());
    @TempDir Path dir;
    private final RenderPool pool = new RenderPool(1, 8);
    private final Limits limits = new Limits(100_000_000, 100, 100_000_000, Limits.DEFAULTS.renderTimeout());
    private BlobStore store;
    private RenditionCache cache;
    private Originals originals;
    private RenditionService renditions;
    private EagerRenders eager;

    @BeforeEach
    void wire() throws Exception {
        Vips.init();
        store = BlobStores.filesystem(dir.resolve("data"));
        cache = RenditionCaches.builder().memoryBytes(32 << 20).build();
        originals = new Originals(store, pool, limits, 100 << 20, dir.resolve("spool"), new SimpleMeterRegistry(),
                System::nanoTime);
        renditions = new RenditionService(cache, pool, new Renderer(limits), new Metrics());
        eager = new EagerRenders(renditions, PARSER, List.of(), pool);
    }

    @AfterEach
    void close() throws Exception {
        eager.close();
        cache.close();
        pool.close();
        store.close();
    }

    private StoredOriginal ingest(byte[] image) throws Exception {
        var upload = originals.ingest(new ByteArrayInputStream(image), "t", new QuotaCharge(b -> {}, b -> {}));
        return StoredOriginal.find(originals, upload.info().id());
    }

    /** Waits (at most 60 s, polling) until the cache has run this many renders. */
    private void awaitRenders(long renders) throws InterruptedException {
        for (int i = 0; i < 1200 && cache.stats().misses() < renders; i++) Thread.sleep(50);
        assertThat(cache.stats().misses()).as("renders run").isEqualTo(renders);
    }

    @Test
    void anExpensiveUploadGetsItsMezzanineInTheBackgroundAndACheapOneNone() throws Exception {
        StoredOriginal cheap = ingest(Files.readAllBytes(Corpus.photo("ladybird.jpg"))); // baseline, 4 MP
        StoredOriginal expensive = ingest(EdgeImages.progressiveOriented(Corpus.photo("ladybird.jpg"), 1));
        assertThat(cache.stats().misses()).isZero();

        eager.enqueue(cheap);
        eager.enqueue(expensive); // after the cheap one, in order: the cheap one queued nothing
        awaitRenders(1);

        RenderOptions small = PARSER.parse(Map.of("w", List.of("300")));
        StageTimings timings = new StageTimings();
        CacheResult result = renditions.serve(renditions.plan(expensive, small, null), timings);
        assertThat(result.tier()).isEqualTo(CacheTier.MISS);
        assertThat(timings.serverTiming()).contains("mezzanine");
        assertThat(cache.stats().misses()).as("only the rendition rendered now").isEqualTo(2);
        // the background render's: from memory when it ended, else its flight (the mezzanine waits outside the pool)
        assertThat(cache.stats().memoryHits() + cache.stats().collapsedWaits()).as("the mezzanine").isEqualTo(1);
    }
}
