package dev.tessera.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link BlobStore} promises, run against each kind of store the service can be configured with. */
@ParameterizedClass(name = "{0}")
@MethodSource("backends")
class BlobStoreContractTest {

    /** Opens a fresh, empty store of one kind in {@code dir}. */
    interface Backend {
        BlobStore open(Path dir) throws IOException;
    }

    record Named(String name, Backend backend) {
        @Override public String toString() { return name; }
    }

    private static S3ProxyServer server;

    @BeforeAll
    static void s3() throws Exception {
        server = S3ProxyServer.shared();
    }

    @Parameter Named kind;
    @TempDir Path dir;
    BlobStore store;

    static Stream<Named> backends() {
        return Stream.of(
                new Named("fs", d -> BlobStores.filesystem(d.resolve("fs"))),
                new Named("s3", d -> BlobStores.s3(server.settings(server.newBucket(), "pre"))),
                new Named("mirror(fs,fs)", d -> BlobStores.mirror(BlobStores.filesystem(d.resolve("a")),
                        BlobStores.filesystem(d.resolve("b")))),
                new Named("mirror(fs,s3)", d -> BlobStores.mirror(BlobStores.filesystem(d.resolve("a")),
                        BlobStores.s3(server.settings(server.newBucket(), "")))),
                new Named("mirror(fs,s3) ack primary", d -> BlobStores.mirrorAckPrimary(
                        BlobStores.filesystem(d.resolve("a")), BlobStores.s3(server.settings(server.newBucket(), "")),
                        d.resolve("journal"), Duration.ofSeconds(1))),
                new Named("metered(fs)", d -> BlobStores.metered(BlobStores.filesystem(d.resolve("fs")),
                        new SimpleMeterRegistry(), "fs")));
    }

    @BeforeEach
    void open() throws IOException {
        store = kind.backend().open(dir);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    /**
     * The store's listing once background copies (a mirror's secondary) are done: s3proxy lists an object it is still
     * writing under a temporary name, which real S3 never does.
     */
    private List<String> listed(String prefix) throws IOException {
        try {
            for (int i = 0; i < 400 && store.repairBacklog() > 0; i++) Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return store.list(prefix);
    }

    @Test
    void roundTrip() throws IOException {
        store.put("a/b", bytes("hello"));

        assertThat(text("a/b")).isEqualTo("hello");
        BlobMeta meta = store.head("a/b").orElseThrow();
        assertThat(meta.key()).isEqualTo("a/b");
        assertThat(meta.size()).isEqualTo(5);
        assertThat(meta.lastModified()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        assertThat(listed("")).containsExactly("a/b");

        assertThat(store.delete("a/b")).isTrue();
        assertThat(store.get("a/b")).isEmpty();
        assertThat(store.head("a/b")).isEmpty();
        assertThat(listed("")).isEmpty();
        assertThat(store.delete("a/b")).isFalse();
    }

    @Test
    void missingKeysAreEmpty() throws IOException {
        assertThat(store.get("no/such.jpg")).isEmpty();
        assertThat(store.getBytes("no/such.jpg")).isEmpty();
        assertThat(store.head("no/such.jpg")).isEmpty();
        assertThat(listed("no/")).isEmpty();
    }

    @Test
    void putReplacesTheObject() throws IOException {
        store.put("k", bytes("first"));
        store.put("k", bytes("second"));
        assertThat(text("k")).isEqualTo("second");
        assertThat(store.head("k").orElseThrow().size()).isEqualTo(6);
    }

    @Test
    void putFileStoresTheFilesBytes() throws IOException {
        Path file = Files.write(dir.resolve("upload.bin"), FsBlobStoreTest.randomBytes(300_000, 7).readAllBytes());
        byte[] expected = Files.readAllBytes(file);
        store.putFile("x/upload.bin", file);
        assertThat(store.getBytes("x/upload.bin")).hasValue(expected);
    }

    @Test
    void refetchablePutsStoreAndReplaceLikePuts() throws IOException {
        store.putRefetchable("c/entry", bytes("first"));
        store.putRefetchable("c/entry", bytes("second"));
        assertThat(text("c/entry")).isEqualTo("second");
        Path file = Files.write(dir.resolve("body.bin"), FsBlobStoreTest.randomBytes(300_000, 9).readAllBytes());
        byte[] expected = Files.readAllBytes(file);
        store.putFileRefetchable("c/d/body", file);
        assertThat(store.getBytes("c/d/body")).hasValue(expected);
        assertThat(store.head("c/d/body").orElseThrow().size()).isEqualTo(expected.length);
        assertThat(listed("c/")).containsExactly("c/d/body", "c/entry");
        assertThatIllegalArgumentException().isThrownBy(() -> store.putRefetchable("../x", bytes("x")));
        assertThatIllegalArgumentException().isThrownBy(() -> store.putFileRefetchable("A", file));
    }

    @Test
    void streamsAnObjectLargerThanMemoryBuffers() throws Exception {
        long size = 12L << 20;
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        store.put("big", new DigestInputStream(FsBlobStoreTest.randomBytes(size, 42), written));

        MessageDigest read = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(store.get("big").orElseThrow(), read)) {
            assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(size);
        }
        assertThat(read.digest()).isEqualTo(written.digest());
        assertThat(store.head("big").orElseThrow().size()).isEqualTo(size);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/abs", "a//b", "A", "a\\b", "", "a/", "originals/ab/../../etc", ".tmp/x"})
    void everyMethodRejectsBadKeys(String key) throws IOException {
        Path file = Files.writeString(dir.resolve("in.bin"), "x");
        assertThatIllegalArgumentException().isThrownBy(() -> store.put(key, bytes("x")));
        assertThatIllegalArgumentException().isThrownBy(() -> store.putFile(key, file));
        assertThatIllegalArgumentException().isThrownBy(() -> store.get(key));
        assertThatIllegalArgumentException().isThrownBy(() -> store.head(key));
        assertThatIllegalArgumentException().isThrownBy(() -> store.delete(key));
        assertThatIllegalArgumentException().isThrownBy(() -> store.list("../"));
        assertThatIllegalArgumentException().isThrownBy(() -> store.put("a".repeat(513), bytes("x")));
        assertThat(file).exists();
    }

    @Test
    void listsByPrefixInOrder() throws IOException {
        for (String key : List.of("originals/ab/cd/2", "originals/ab/cd/1", "originals/ab/ef/1",
                "originals/ac/00/1", "originals-old/x", "derived/ab/1", "top")) {
            store.put(key, bytes(key));
        }
        assertThat(listed("originals/ab/"))
                .containsExactly("originals/ab/cd/1", "originals/ab/cd/2", "originals/ab/ef/1");
        assertThat(listed("originals/a"))
                .containsExactly("originals/ab/cd/1", "originals/ab/cd/2", "originals/ab/ef/1", "originals/ac/00/1");
        assertThat(listed("originals"))
                .containsExactly("originals-old/x", "originals/ab/cd/1", "originals/ab/cd/2",
                        "originals/ab/ef/1", "originals/ac/00/1");
        assertThat(listed("originals/ab/cd/1")).containsExactly("originals/ab/cd/1");
        assertThat(listed("")).hasSize(7).isSorted();
    }

    @Test
    void listsManyKeysInOrder() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 250; i++) expected.add("p/%04d".formatted(i));
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (String key : expected) pool.submit(() -> { store.put(key, bytes("x")); return null; });
        }
        assertThat(listed("p/")).isEqualTo(expected);
    }

    @Test
    void keysBelowAnObjectAreAbsent() throws IOException {
        store.put("a/b/c", bytes("x"));
        assertThat(store.get("a/b")).isEmpty();
        assertThat(store.head("a")).isEmpty();
        assertThat(store.delete("a/b")).isFalse();
        assertThat(store.get("a/b/c/d")).isEmpty();
        assertThat(listed("")).containsExactly("a/b/c");
    }

    @Test
    void concurrentPutsOfOneKeyLeaveOneIntactObject() throws Exception {
        List<byte[]> contents = putConcurrently(store, "same", 8, 256 * 1024);
        byte[] stored = store.getBytes("same").orElseThrow();
        assertThat(contents).anySatisfy(c -> assertThat(c).isEqualTo(stored));
    }

    /** Puts {@code threads} different random contents under one key at once; returns what was put. */
    static List<byte[]> putConcurrently(BlobStore store, String key, int threads, int size) throws Exception {
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < threads; i++) contents.add(FsBlobStoreTest.randomBytes(size, i).readAllBytes());
        CyclicBarrier start = new CyclicBarrier(threads);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> puts = new ArrayList<>();
            for (byte[] content : contents) {
                puts.add(pool.submit(() -> {
                    start.await();
                    store.put(key, new ByteArrayInputStream(content));
                    return null;
                }));
            }
            for (Future<?> put : puts) put.get();
        }
        return contents;
    }

    @Test
    void reachableWhenHealthy() {
        assertThat(store.isReachable()).isTrue();
    }

    private String text(String key) throws IOException {
        return new String(store.getBytes(key).orElseThrow(), UTF_8);
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(UTF_8));
    }
}
