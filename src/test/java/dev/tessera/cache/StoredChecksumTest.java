package dev.tessera.cache;

import dev.tessera.image.ImageFormat;
import dev.tessera.image.Rendition;
import static dev.tessera.cache.Renditions.IMAGE;
import static dev.tessera.cache.Renditions.unexpected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored rendition whose bytes changed on disk is a miss: never served, counted, replaced by a fresh render. */
class StoredChecksumTest {
    @TempDir Path root;
    BlobStore store;
    final AtomicInteger renders = new AtomicInteger();
    final AtomicInteger corruptEvents = new AtomicInteger();

    @BeforeEach
    void open() throws IOException {
        store = BlobStores.filesystem(root);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @Test
    void aFlippedBodyByteIsAMissAndTheObjectIsRewritten() throws Exception {
        flippedIsRenderedAgain(-1); // the body's last byte
    }

    @Test
    void aFlippedHeaderByteIsAMissToo() throws Exception {
        flippedIsRenderedAgain(RenditionCodec.FIXED_HEADER_BYTES - 12); // inside the width
    }

    @Test
    void aTruncatedObjectIsAMiss() throws Exception {
        try (RenditionCache cache = storeOnly()) {
            cache.get(IMAGE, "k1", render(1));
            Path file = objectFile();
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));

            assertThat(cache.get(IMAGE, "k1", render(1)).tier()).isEqualTo(CacheTier.MISS);
            assertThat(cache.stats().corruptStoreReads()).isEqualTo(1);
        }
    }

    private void flippedIsRenderedAgain(int offset) throws Exception {
        try (RenditionCache cache = storeOnly()) {
            Rendition first = cache.get(IMAGE, "k1", render(1)).rendition();
            Path file = objectFile();
            byte[] bytes = Files.readAllBytes(file);
            int at = offset < 0 ? bytes.length + offset : offset;
            bytes[at] ^= 0x10;
            Files.write(file, bytes);

            CacheResult again = cache.get(IMAGE, "k1", render(1));

            assertThat(again.tier()).isEqualTo(CacheTier.MISS);
            assertThat(again.rendition().body()).isEqualTo(first.body());
            assertThat(again.rendition().width()).isEqualTo(first.width());
            assertThat(renders).hasValue(2);
            assertThat(cache.stats().corruptStoreReads()).isEqualTo(1);
            assertThat(corruptEvents).hasValue(1);
            CacheResult rewritten = cache.get(IMAGE, "k1", unexpected());
            assertThat(rewritten.tier()).isEqualTo(CacheTier.STORE);
            assertThat(rewritten.rendition().body()).isEqualTo(first.body());
        }
    }

    /** A cache without memory, so every read goes to the store. */
    private RenditionCache storeOnly() {
        return RenditionCaches.builder().memoryBytes(0).store(store).events(new CacheEvents() {
            @Override
            public void corruptStoredRendition() {
                corruptEvents.incrementAndGet();
            }
        }).build();
    }

    private Callable<Rendition> render(int seed) {
        return () -> {
            renders.incrementAndGet();
            byte[] body = new byte[500];
            for (int i = 0; i < body.length; i++) body[i] = (byte) (i * seed);
            return new Rendition(body, ImageFormat.PNG, 20, 10);
        };
    }

    private Path objectFile() {
        return root.resolve("renditions/a1/b2/" + IMAGE + "/k1");
    }
}
