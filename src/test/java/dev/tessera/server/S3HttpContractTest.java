package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.S3ProxyServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core HTTP contract (upload, originals, info, delete, ownership, renditions, hit-store, purge, /ready)
 * run once more with {@code TESSERA_STORAGE=s3}: every server gets a fresh bucket of a real S3 API server.
 */
class S3HttpContractTest {
    private static S3ProxyServer s3;

    @BeforeAll
    static void onS3() throws Exception {
        s3 = new S3ProxyServer();
        TestServer.useStore(() -> s3.env(s3.newBucket()));
    }

    @AfterAll
    static void backToFs() throws Exception {
        TestServer.useStore(null);
        s3.close();
    }

    @Test
    void theServersKeepTheirObjectsInTheBucketNotTheDataDir(@TempDir Path data) throws Exception {
        try (TestServer server = TestServer.start(data)) {
            String id = server.store(Images.quadrantsPng());
            assertThat(server.storedKeys("originals/")).containsExactly(BlobKeys.originalKey(id));
            assertThat(server.storedOriginals()).as("files under the data dir").isEmpty();
            assertThat(server.get("/ready").json().path("stores").path("store").asBoolean()).isTrue();
        }
    }

    @Nested
    class Upload extends UploadTest {}

    @Nested
    class Originals extends OriginalsTest {}

    @Nested
    class Ownership extends OwnershipTest {}

    @Nested
    class RenditionCache extends RenditionCacheHttpTest {}

    @Nested
    class Operations extends OperationsTest {}
}
