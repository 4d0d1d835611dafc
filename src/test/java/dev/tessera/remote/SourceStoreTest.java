package dev.tessera.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.image.ImageFormat;
import dev.tessera.image.ImageHeader;
import dev.tessera.image.SourceImage;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source cache's bodies: stored once by content hash, and kept under the bound least-recently-used first. */
class SourceStoreTest {
    static final ImageHeader HEADER = new ImageHeader(ImageFormat.PNG, 1, 1, 1, false, 1);

    @TempDir
    Path dir;

    @Test
    void theLeastRecentlyUsedBodiesGoFirstAndTheirEntriesReadAsMisses() throws Exception {
        try (BlobStore blobs = BlobStores.filesystem(dir.resolve("store"))) {
            SourceStore store = new SourceStore(blobs, dir, 250);
            for (String id : new String[] {id('a'), id('b')}) {
                store.putBody(id, body(100), 100);
                store.put(entry("http://o/" + id.charAt(0), id));
            }
            store.open(id('a'), HEADER); // a is now more recent than b
            store.putBody(id('c'), body(100), 100);
            assertThat(blobs.head(SourceStore.bodyKey(id('b')))).isEmpty();
            assertThat(blobs.head(SourceStore.bodyKey(id('a')))).isPresent();
            assertThat(store.entry("http://o/b")).as("its body went: a miss").isEmpty();
            assertThat(store.entry("http://o/a")).isPresent();
            assertThat(store.bytes()).isEqualTo(200);
            assertThat(new SourceStore(blobs, dir, 250).bytes()).as("the bound's accounting survives a restart")
                    .isEqualTo(200);
        }
    }

    @Test
    void theSameBytesAreStoredOnce() throws Exception {
        try (BlobStore blobs = BlobStores.filesystem(dir.resolve("store"))) {
            SourceStore store = new SourceStore(blobs, dir, 0);
            store.putBody(id('a'), body(10), 10);
            Path again = body(10);
            store.putBody(id('a'), again, 10);
            assertThat(again).doesNotExist();
            assertThat(blobs.list("remote/bodies/")).hasSize(1);
        }
    }

    @Test
    void aBodyACrashCutShortIsAMissAndIsReplacedWhenFetchedAgain() throws Exception {
        try (BlobStore blobs = BlobStores.filesystem(dir.resolve("store"))) {
            SourceStore store = new SourceStore(blobs, dir, 0);
            store.putBody(id('a'), body(100), 100);
            store.put(entry("http://o/a", id('a')));
            Path file = blobs.localFile(SourceStore.bodyKey(id('a'))).orElseThrow();
            Files.write(file, new byte[40]); // what an unsynced write may leave after a power loss
            assertThat(store.entry("http://o/a")).as("a body shorter than its entry says").isEmpty();
            store.putBody(id('a'), body(100), 100);
            assertThat(store.entry("http://o/a")).isPresent();
            assertThat(Files.size(file)).isEqualTo(100);
        }
    }

    @Test
    void aStoreWithoutLocalFilesOpensABodyAsATemporaryFileDeletedOnClose() throws Exception {
        Path spool = Files.createDirectories(dir.resolve("spool"));
        try (BlobStore blobs = BlobStores.mirror(BlobStores.filesystem(dir.resolve("a")),
                BlobStores.filesystem(dir.resolve("b")))) {
            SourceStore store = new SourceStore(blobs, spool, 0);
            Path body = Files.write(Files.createTempFile(dir, "body", ".part"), new byte[] {1, 2, 3});
            store.putBody(id('a'), body, 3);
            Path read;
            try (SourceImage image = store.open(id('a'), HEADER)) {
                read = ((SourceImage.OnDisk) image).file();
                assertThat(read.getParent()).isEqualTo(spool);
                assertThat(image.openStream().readAllBytes()).containsExactly(1, 2, 3);
                assertThat(image.header()).isEqualTo(HEADER);
            }
            assertThat(read).doesNotExist();
            assertThat(Files.list(spool).toList()).isEmpty();
        }
    }

    private Path body(int size) throws Exception {
        return Files.write(Files.createTempFile(dir, "body", ".part"), new byte[size]);
    }

    private static String id(char c) {
        return String.valueOf(c).repeat(64);
    }

    private static SourceEntry entry(String url, String id) {
        return new SourceEntry(url, id, 100, HEADER, null, null, 0, 1000, 0, 0);
    }
}
