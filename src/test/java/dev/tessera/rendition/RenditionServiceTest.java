package dev.tessera.rendition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.cache.CacheResult;
import dev.tessera.cache.CacheTier;
import dev.tessera.cache.RenditionCache;
import dev.tessera.cache.RenditionCaches;
import dev.tessera.image.ImageFormat;
import dev.tessera.metrics.Metrics;
import dev.tessera.options.OptionsParser;
import dev.tessera.options.RenderOptions;
import dev.tessera.processing.Limits;
import dev.tessera.processing.Renderer;
import dev.tessera.processing.StageTimings;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.source.ImageNotFoundException;
import dev.tessera.source.Originals;
import dev.tessera.source.QuotaCharge;
import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
}
