package dev.tessera.source;

import dev.tessera.image.SourceImage;
import dev.tessera.image.ImageInfo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.processing.Limits;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import dev.tessera.testing.Corpus;
import dev.tessera.vips.Vips;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Originals over real stores: what a node caches of the store expires, and corrupt originals read as absent. */
class OriginalsStoreTest {
    private static final QuotaCharge UNLIMITED = new QuotaCharge(b -> {}, b -> {});
    @TempDir Path dir;
    private final RenderPool pool = new RenderPool(1, 8);
    private final AtomicLong nanos = new AtomicLong();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void vips() {
        Vips.init();
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private Originals node(BlobStore store, String name) throws IOException {
        return new Originals(store, pool, new Limits(100_000_000, 100, 100_000_000, Limits.DEFAULTS.renderTimeout()), 50 << 20,
                dir.resolve("spool-" + name), registry, nanos::get);
    }

    private static Upload ingest(Originals originals, byte[] bytes, String tenant) throws IOException {
        return originals.ingest(new ByteArrayInputStream(bytes), tenant, UNLIMITED);
    }

    @Test
    void aDeleteOnAnotherNodeIsSeenOnceTheCachedInfoExpires() throws IOException {
        BlobStore store = BlobStores.filesystem(dir.resolve("store"));
        Originals a = node(store, "a");
        Originals b = node(store, "b");
        ImageInfo info = ingest(a, Files.readAllBytes(Corpus.edge("tiny-1x1.png")), "t").info();
        String id = info.id();
        assertThat(b.info(id)).isPresent();
        assertThat(a.disown(id, "t")).hasValueSatisfying(d -> assertThat(d.lastOwner()).isTrue());
        nanos.addAndGet(Originals.INFO_TTL.toNanos() + 1);
        assertThat(b.info(id)).isEmpty();
        assertThat(b.source(info)).as("a render that looked before the delete").isEmpty();
    }

    @Test
    void anOriginalReadWholeIsCheckedAgainstItsId() throws IOException {
        Path primary = dir.resolve("primary");
        Path secondary = dir.resolve("secondary");
        BlobStore mirror = BlobStores.mirror(BlobStores.filesystem(primary), BlobStores.filesystem(secondary));
        byte[] jpeg = Files.readAllBytes(Corpus.edge("exif-orient-6.jpg"));
        ImageInfo info = ingest(node(mirror, "a"), jpeg, "t").info();
        String id = info.id();
        for (Path root : new Path[] {primary, secondary}) {
            Path file = root.resolve(BlobKeys.originalKey(id));
            byte[] flipped = Files.readAllBytes(file);
            flipped[flipped.length / 2] ^= 0x55;
            Files.write(file, flipped);
        }
        Originals fresh = node(mirror, "b");
        assertThat(fresh.info(id)).as("the metadata agrees on the size").isPresent();
        assertThat(fresh.source(info)).as("never rendered").isEmpty();
        assertThat(fresh.info(id)).isEmpty();
        assertThat(registry.get("tessera_originals_corrupt").counter().count()).isEqualTo(1);

        Upload again = ingest(fresh, jpeg, "t");
        assertThat(again.created()).as("t still owns it").isFalse();
        try (SourceImage read = fresh.source(again.info()).orElseThrow()) {
            assertThat(read.openStream().readAllBytes()).isEqualTo(jpeg);
        }
    }
}
