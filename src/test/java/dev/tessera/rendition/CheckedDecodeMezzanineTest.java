package dev.tessera.rendition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.cache.RenditionCache;
import dev.tessera.cache.RenditionCaches;
import dev.tessera.image.ImageException;
import dev.tessera.metrics.Metrics;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.image.ImageFormat;
import dev.tessera.processing.DecodedFrames;
import dev.tessera.processing.ImageProbe;
import dev.tessera.processing.MemoryEstimate;
import dev.tessera.processing.Limits;
import dev.tessera.processing.Renderer;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.source.Originals;
import dev.tessera.source.QuotaCharge;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import dev.tessera.testing.Corpus;
import dev.tessera.vips.Vips;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload check's decode of an original, kept for its mezzanine: sunset.jpg (4272x2848 progressive) is checked
 * shrunk by 2 on load, and its mezzanine (2136x1424) is that decode as it is, so the mezzanine made right after the
 * upload decodes nothing, with the very bytes a node that kept nothing makes from the stored original. Real store,
 * pool, cache and libvips.
 */
class CheckedDecodeMezzanineTest {
    private static final Limits LIMITS = new Limits(100_000_000, 100, 100_000_000, Limits.DEFAULTS.renderTimeout());
    private static final long SUNSET_HALF_BYTES = 2136L * 1424 * 3;

    @TempDir Path dir;
    private final RenderPool pool = new RenderPool(1, 16);
    private final DecodedFrames kept = new DecodedFrames(64 << 20, Duration.ofSeconds(30));
    private BlobStore store;
    private RenditionCache cache;
    private RenditionCache otherNodesCache;
    private Originals originals;

    @BeforeEach
    void wire() throws Exception {
        Vips.init();
        store = BlobStores.filesystem(dir.resolve("data"));
        cache = RenditionCaches.builder().memoryBytes(64 << 20).build();
        otherNodesCache = RenditionCaches.builder().memoryBytes(64 << 20).build();
        originals = new Originals(store, pool, LIMITS, 100 << 20, dir.resolve("spool"), new SimpleMeterRegistry(),
                System::nanoTime);
        originals.keepCheckedDecodes(kept, RenditionService::mezzanineTakesCheckedDecode);
    }

    @AfterEach
    void close() throws Exception {
        kept.close();
        cache.close();
        otherNodesCache.close();
        pool.close();
        store.close();
    }

    @Test
    void theMezzanineAfterAnUploadTakesTheChecksDecodeAndHasTheBytesOfOneDecodedFromTheStore() throws Exception {
        StoredOriginal sunset = upload(Files.readAllBytes(Corpus.photo("sunset.jpg")));
        assertThat(kept.bytesKept()).as("the check's decode, kept").isEqualTo(SUNSET_HALF_BYTES);

        RenditionService node = new RenditionService(cache, pool, new Renderer(LIMITS).keeping(kept), new Metrics());
        assertThat(node.prepareMezzanine(sunset)).isTrue();
        assertThat(kept.reused()).as("mezzanines that took the check's decode").isEqualTo(1);
        assertThat(kept.bytesKept()).as("taken, so no longer kept; the mezzanine's faithful half decode kept instead")
                .isEqualTo(SUNSET_HALF_BYTES / 4);

        RenditionService otherNode = new RenditionService(otherNodesCache, pool, new Renderer(LIMITS), new Metrics());
        assertThat(otherNode.prepareMezzanine(sunset)).isTrue();
        byte[] fromCheck = mezzanine(cache, sunset);
        byte[] fromStore = mezzanine(otherNodesCache, sunset);
        assertThat(fromCheck.length).isGreaterThan(100_000);
        assertThat(Arrays.equals(fromCheck, fromStore)).as("the same mezzanine bytes either way").isTrue();
    }

    @Test
    void aTruncatedOriginalIsStillRefusedWhenTheCheckKeepsItsDecode() throws Exception {
        byte[] whole = Files.readAllBytes(Corpus.photo("sunset.jpg"));
        byte[] truncated = Arrays.copyOf(whole, whole.length * 2 / 3);

        assertThatThrownBy(() -> upload(truncated)).isInstanceOf(ImageException.class)
                .extracting(e -> ((ImageException) e).reason()).isEqualTo(ImageException.Reason.UNDECODABLE);
        assertThat(kept.bytesKept()).isZero();
    }

    @Test
    void aCheckThatFitsTheBudgetOnlyWithoutKeepingItsDecodeKeepsNoneAndStoresTheOriginal() throws Exception {
        byte[] sunset = Files.readAllBytes(Corpus.photo("sunset.jpg"));
        var header = ImageProbe.header(sunset, ImageFormat.JPEG);
        long budget = (MemoryEstimate.uploadCheck(header) + MemoryEstimate.uploadCheck(header, true)) / 2;
        try (RenderPool tight = new RenderPool(1, 16, Duration.ofSeconds(10), Map.of(), budget, Ticker.systemTicker())) {
            Originals originals = new Originals(store, tight, LIMITS, 100 << 20, dir.resolve("spool-tight"),
                    new SimpleMeterRegistry(), System::nanoTime);
            originals.keepCheckedDecodes(kept, RenditionService::mezzanineTakesCheckedDecode);

            var upload = originals.ingest(new ByteArrayInputStream(sunset), "t", new QuotaCharge(b -> {}, b -> {}));
            assertThat(upload.info().header().width()).isEqualTo(4272);
            assertThat(kept.bytesKept()).isZero();
        }
    }

    private StoredOriginal upload(byte[] image) throws Exception {
        var upload = originals.ingest(new ByteArrayInputStream(image), "t", new QuotaCharge(b -> {}, b -> {}));
        return StoredOriginal.find(originals, upload.info().id());
    }

    private static byte[] mezzanine(RenditionCache cache, StoredOriginal source) {
        String key = RenditionKey.mezzanine(source.contentId(), Mezzanine.options(source.header()));
        var hit = cache.getIfInMemory(source.contentId(), key);
        assertThat(hit).as("the mezzanine in memory").isNotNull();
        return hit.rendition().body();
    }
}
