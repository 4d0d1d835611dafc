package dev.tessera.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirrors two prefixes of one bucket of a real S3 server; a missing bucket stands in for a broken store. */
class MirrorBlobStoreTest {

    private static S3ProxyServer server;

    @BeforeAll
    static void s3() throws Exception {
        server = S3ProxyServer.shared();
    }
    private String bucket;
    private BlobStore primary;
    private BlobStore secondary;
    private BlobStore mirror;

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
    void aPrimaryMissStandsWhileTheSecondaryFails() throws Exception {
        primary.put("p/k.jpg", bytes("x"));
        try (BlobStore broken = BlobStores.s3(server.settings("no-such-bucket", ""))) {
            BlobStore degraded = BlobStores.mirror(primary, broken);
            assertThat(degraded.get("p/other.jpg")).isEmpty();
            assertThat(degraded.head("p/other.jpg")).isEmpty();
            assertThat(degraded.list("p/")).containsExactly("p/k.jpg");
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

    @Test
    void ackPrimaryJournalsWhileTheSecondaryIsDownAndRepairsWhenItReturns(@TempDir Path dir) throws Exception {
        String late = "late-" + java.util.UUID.randomUUID();
        BlobStore local = BlobStores.filesystem(dir.resolve("primary"));
        BlobStore remote = BlobStores.s3(server.settings(late, ""));
        try (BlobStore acked = BlobStores.mirrorAckPrimary(local, remote, dir.resolve("journal"), Duration.ofMillis(50))) {
            acked.put("k.jpg", bytes("kept"));
            acked.put("gone.jpg", bytes("x"));
            acked.delete("gone.jpg");
            assertThat(text(local, "k.jpg")).isEqualTo("kept");
            assertThat(acked.repairBacklog()).isEqualTo(2);
            assertThat(acked.isReachable()).isTrue();
            assertThat(acked.reachability()).containsExactly(entry("primary", true), entry("secondary", false));
            assertThat(acked.get("gone.jpg")).isEmpty();

            server.raw.createBucket(r -> r.bucket(late));
            awaitBacklog(acked, 0);
            assertThat(text(remote, "k.jpg")).isEqualTo("kept");
            assertThat(remote.head("gone.jpg")).isEmpty();
            assertThat(acked.reachability()).containsExactly(entry("primary", true), entry("secondary", true));
        }
    }

    @Test
    void theJournalIsReplayedAfterARestart(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("journal");
        try (BlobStore down = BlobStores.s3(server.settings("never-" + java.util.UUID.randomUUID(), ""));
                BlobStore acked = BlobStores.mirrorAckPrimary(BlobStores.filesystem(dir.resolve("p")), down, journal,
                        Duration.ofHours(1))) {
            acked.put("a/k.jpg", bytes("survives"));
        }
        try (BlobStore reopened = BlobStores.mirrorAckPrimary(BlobStores.filesystem(dir.resolve("p")), secondary,
                journal, Duration.ofMillis(50))) {
            awaitBacklog(reopened, 0);
            assertThat(text(secondary, "a/k.jpg")).isEqualTo("survives");
        }
    }

    @Test
    void aFallbackReadRestoresThePrimary(@TempDir Path dir) throws Exception {
        BlobStore local = BlobStores.filesystem(dir.resolve("p"));
        try (BlobStore acked = BlobStores.mirrorAckPrimary(local, secondary, dir.resolve("j"), Duration.ofMillis(50))) {
            acked.put("k.jpg", bytes("kept"));
            awaitBacklog(acked, 0);
            local.delete("k.jpg");

            assertThat(text(acked, "k.jpg")).isEqualTo("kept");
            for (int i = 0; i < 800 && local.head("k.jpg").isEmpty(); i++) Thread.sleep(25); // 20 s at most: loaded CI
            assertThat(text(local, "k.jpg")).isEqualTo("kept");
        }
    }

    @Test
    void ackBothIsReadyOnlyWithBothStores() throws Exception {
        try (BlobStore broken = BlobStores.s3(server.settings("no-such-bucket", ""))) {
            BlobStore degraded = BlobStores.mirror(primary, broken);
            assertThat(degraded.isReachable()).isFalse();
            assertThat(degraded.reachability()).containsExactly(entry("primary", true), entry("secondary", false));
        }
    }

    private static void awaitBacklog(BlobStore store, long expected) throws InterruptedException {
        for (int i = 0; i < 800 && store.repairBacklog() != expected; i++) Thread.sleep(25);
        assertThat(store.repairBacklog()).isEqualTo(expected);
    }

    private static String text(BlobStore store, String key) throws IOException {
        return new String(store.getBytes(key).orElseThrow(), UTF_8);
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(UTF_8));
    }
}
