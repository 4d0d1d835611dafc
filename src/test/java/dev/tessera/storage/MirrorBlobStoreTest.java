package dev.tessera.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mirrors two prefixes of one bucket of a real S3 server; a missing bucket stands in for a broken store. */
class MirrorBlobStoreTest {

    private static S3ProxyServer server;
    private String bucket;
    private BlobStore primary;
    private BlobStore secondary;
    private BlobStore mirror;

    @BeforeAll
    static void startServer() throws Exception {
        server = new S3ProxyServer();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void newStores() {
        bucket = server.newBucket();
        primary = BlobStores.s3(server.settings(bucket, "primary"));
        secondary = BlobStores.s3(server.settings(bucket, "secondary"));
        mirror = BlobStores.mirror(primary, secondary);
    }

    @AfterEach
    void closeStores() throws Exception {
        mirror.close();
    }

    @Test
    void putLandsInBoth() throws Exception {
        mirror.put("a/b.jpg", bytes("hello"));
        assertThat(text(primary, "a/b.jpg")).isEqualTo("hello");
        assertThat(text(secondary, "a/b.jpg")).isEqualTo("hello");
        assertThat(mirror.head("a/b.jpg").orElseThrow().size()).isEqualTo(5);
    }

    @Test
    void readsFallBackWhenThePrimaryLacksTheKey() throws Exception {
        mirror.put("k.jpg", bytes("kept"));
        primary.delete("k.jpg");

        assertThat(text(mirror, "k.jpg")).isEqualTo("kept");
        assertThat(mirror.head("k.jpg").orElseThrow().size()).isEqualTo(4);
        assertThat(mirror.get("never.jpg")).isEmpty();
    }

    @Test
    void readsFallBackWhenThePrimaryFails() throws Exception {
        secondary.put("k.jpg", bytes("kept"));
        try (BlobStore broken = BlobStores.s3(server.settings("no-such-bucket", ""));
                BlobStore degraded = BlobStores.mirror(broken, secondary)) {
            assertThat(text(degraded, "k.jpg")).isEqualTo("kept");
            assertThat(degraded.head("k.jpg")).isPresent();
            // Absent from the secondary while the primary is failing: unknown, not absent.
            assertThatThrownBy(() -> degraded.get("other.jpg")).isInstanceOf(IOException.class);
            assertThat(degraded.isReachable()).isFalse();
        }
    }

    @Test
    void putFailsWhenEitherStoreFails() throws Exception {
        try (BlobStore broken = BlobStores.s3(server.settings("no-such-bucket", ""))) {
            assertThatThrownBy(() -> BlobStores.mirror(primary, broken).put("k.jpg", bytes("x")))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> BlobStores.mirror(broken, secondary).put("j.jpg", bytes("x")))
                    .isInstanceOf(IOException.class);
            assertThat(secondary.head("j.jpg")).isEmpty();
        }
    }

    @Test
    void deleteRemovesFromBoth() throws Exception {
        mirror.put("k.jpg", bytes("x"));
        assertThat(mirror.delete("k.jpg")).isTrue();
        assertThat(primary.head("k.jpg")).isEmpty();
        assertThat(secondary.head("k.jpg")).isEmpty();
        assertThat(mirror.delete("k.jpg")).isFalse();
    }

    @Test
    void listIsTheSortedUnion() throws Exception {
        mirror.put("p/b.jpg", bytes("x"));
        primary.put("p/c.jpg", bytes("x"));
        secondary.put("p/a.jpg", bytes("x"));
        secondary.put("q/z.jpg", bytes("x"));
        assertThat(mirror.list("p/")).containsExactly("p/a.jpg", "p/b.jpg", "p/c.jpg");
        assertThat(mirror.isReachable()).isTrue();
    }

    private static String text(BlobStore store, String key) throws IOException {
        return new String(store.getBytes(key).orElseThrow(), UTF_8);
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(UTF_8));
    }
}
