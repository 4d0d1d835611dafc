package dev.tessera.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mirror of fs and a real S3 server, damaged on the fs side, verified and repaired from the S3 side. */
class VerificationTest {
    private static S3ProxyServer server;

    @BeforeAll
    static void s3() throws Exception {
        server = S3ProxyServer.shared();
    }

    @TempDir Path dir;

    @Test
    void findsAFlippedByteAMissingObjectAndAnOrphanAndRepairsThem() throws Exception {
        Path root = dir.resolve("data");
        try (BlobStore fs = BlobStores.filesystem(root);
                BlobStore s3 = BlobStores.s3(server.settings(server.newBucket(), ""))) {
            List<String> ids = MigrationTest.fillWithImages(BlobStores.mirror(fs, s3), 5);
            Path flipped = root.resolve(BlobKeys.originalKey(ids.get(0)));
            byte[] bytes = Files.readAllBytes(flipped);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(flipped, bytes);
            fs.delete(BlobKeys.originalKey(ids.get(1))); // its meta record is left: an orphan
            fs.delete(MigrationTest.metaKey(ids.get(2))); // missing, and its original an orphan
            fs.put("originals/ab/cd/not-an-id", new ByteArrayInputStream(new byte[] {1})); // not ours: ignored

            assertThat(new Verification(fs, null).run(false)).extracting(Verification.Problem::toString)
                    .containsExactlyInAnyOrder(
                            "corrupt " + BlobKeys.originalKey(ids.get(0)),
                            "orphan-meta " + BlobKeys.originalKey(ids.get(1)),
                            "orphan-original " + MigrationTest.metaKey(ids.get(2)));
            assertThat(new Verification(fs, s3).run(false)).extracting(Verification.Problem::toString)
                    .containsExactlyInAnyOrder(
                            "corrupt " + BlobKeys.originalKey(ids.get(0)),
                            "missing " + BlobKeys.originalKey(ids.get(1)),
                            "missing " + MigrationTest.metaKey(ids.get(2)));

            assertThat(new Verification(fs, s3).run(true)).allMatch(Verification.Problem::repaired).hasSize(3);

            assertThat(new Verification(fs, s3).run(false)).isEmpty();
            for (String key : s3.list("")) {
                assertThat(Migration.hash(fs, key)).as(key).isEqualTo(Migration.hash(s3, key));
            }
            assertThat(new Verification(s3, fs).run(false)).isEmpty();
        }
    }
}
