package dev.tessera.storage;

import dev.tessera.config.S3Settings;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3BlobStoreTest {

    private static S3ProxyServer server;

    @BeforeAll
    static void s3() throws Exception {
        server = S3ProxyServer.shared();
    }
    private String bucket;
    private BlobStore store;

    @BeforeEach
    void newStore() {
        bucket = server.newBucket();
        store = BlobStores.s3(server.settings(bucket, ""));
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }

    @Test
    void streamsA20MegabyteObjectOfUnknownLength() throws Exception {
        long size = 20L << 20;
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        store.put("big.bin", new DigestInputStream(randomStream(size), sent));

        assertThat(store.head("big.bin").orElseThrow().size()).isEqualTo(size);
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(store.get("big.bin").orElseThrow(), received)) {
            assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(size);
        }
        assertThat(received.digest()).isEqualTo(sent.digest());
        // A multipart object's ETag ends in the part count: 20 MiB went up as three parts.
        assertThat(server.raw.headObject(r -> r.bucket(bucket).key("big.bin")).eTag()).endsWith("-3\"");
    }

    @Test
    void listIgnoresForeignKeysUnderThePrefix() throws Exception {
        try (BlobStore prefixed = BlobStores.s3(server.settings(bucket, "t"))) {
            prefixed.put("originals/ab/cd/k", new ByteArrayInputStream(new byte[] {1}));
            for (String foreign : List.of("t/originals/ab/cd/Thumbs.db", "t/originals/ab/cd/IMG_1.JPG", "t/originals/ab/cd/x~1",
                    "t/originals/ab/.DS_Store")) {
                server.raw.putObject(r -> r.bucket(bucket).key(foreign),
                        software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[] {2}));
            }
            assertThat(prefixed.list("originals/")).containsExactly("originals/ab/cd/k");
            assertThat(prefixed.list("")).containsExactly("originals/ab/cd/k");
        }
    }

    @Test
    void retriesThrottlingAndServerErrors() throws Exception {
        try (FaultyProxy faulty = new FaultyProxy(server.port());
                BlobStore store = BlobStores.s3(S3ProxyServer.settings(faulty.endpoint(), bucket, ""))) {
            faulty.failNext(S3Retries.MAX_ATTEMPTS - 1);
            store.put("k.jpg", new ByteArrayInputStream("kept".getBytes(UTF_8)));
            assertThat(faulty.failed()).isEqualTo(S3Retries.MAX_ATTEMPTS - 1);
            assertThat(store.getBytes("k.jpg")).hasValue("kept".getBytes(UTF_8));
        }
        try (FaultyProxy faulty = new FaultyProxy(server.port());
                BlobStore store = BlobStores.s3(S3ProxyServer.settings(faulty.endpoint(), bucket, ""))) {
            faulty.failNext(S3Retries.MAX_ATTEMPTS);
            assertThatThrownBy(() -> store.head("k.jpg")).isInstanceOf(IOException.class).hasMessageContaining("503");
            assertThat(faulty.failed()).isEqualTo(S3Retries.MAX_ATTEMPTS);
            assertThat(store.head("k.jpg")).isPresent();
        }
    }

    @Test
    void putFileUploadsTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("x.bin"), new byte[3 << 20]);
        store.putFile("x.bin", file);
        assertThat(store.head("x.bin").orElseThrow().size()).isEqualTo(3 << 20);
    }

    @Test
    void listsByPrefixAcrossPages() throws Exception {
        try (BlobStore paged = new S3BlobStore(server.settings(bucket, ""), 3)) {
            List<String> expected = new ArrayList<>();
            for (int i = 9; i >= 0; i--) {
                paged.put("p/" + i + ".jpg", new ByteArrayInputStream(new byte[] {1}));
                expected.add(0, "p/" + i + ".jpg");
            }
            paged.put("q/other.jpg", new ByteArrayInputStream(new byte[] {1}));

            // The server honours max-keys, so ten keys take four pages.
            assertThat(server.raw.listObjectsV2(r -> r.bucket(bucket).prefix("p/").maxKeys(3)).isTruncated())
                    .isTrue();
            assertThat(paged.list("p/")).isEqualTo(expected);
            assertThat(paged.list("p/1")).containsExactly("p/1.jpg");
            assertThat(paged.list("")).hasSize(11).last().isEqualTo("q/other.jpg");
        }
    }

    @Test
    void prefixesKeepStoresApart() throws Exception {
        try (BlobStore one = BlobStores.s3(server.settings(bucket, "one"));
                BlobStore two = BlobStores.s3(server.settings(bucket, "two/"))) {
            one.put("k.jpg", new ByteArrayInputStream(new byte[] {1}));
            two.put("k.jpg", new ByteArrayInputStream(new byte[] {2, 2}));

            assertThat(one.list("")).containsExactly("k.jpg");
            assertThat(one.head("k.jpg").orElseThrow().size()).isEqualTo(1);
            assertThat(two.head("k.jpg").orElseThrow().size()).isEqualTo(2);
            assertThat(server.raw.listObjectsV2(r -> r.bucket(bucket)).contents())
                    .extracting(S3Object::key)
                    .containsExactly("one/k.jpg", "two/k.jpg");
        }
    }

    @Test
    void reachableOnlyWithTheBucket() throws Exception {
        assertThat(store.isReachable()).isTrue();
        try (BlobStore missing = BlobStores.s3(server.settings("no-such-bucket", ""))) {
            assertThat(missing.isReachable()).isFalse();
        }
    }

    @Test
    void unreachableServer() throws Exception {
        S3Settings closed = new S3Settings("http://127.0.0.1:1", "b", null, "k", "s", true, "");
        try (BlobStore down = BlobStores.s3(closed)) {
            long start = System.nanoTime();
            assertThat(down.isReachable()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThatThrownBy(() -> down.get("a.jpg")).hasMessageContaining("S3 get of s3://b/a.jpg failed");
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                List<java.net.Socket> held = new ArrayList<>();
                try {
                    while (true) held.add(silent.accept()); // accepts, reads nothing, answers nothing
                } catch (IOException closed) {
                    // the test is over
                }
            });
            S3Settings settings = new S3Settings("http://127.0.0.1:" + silent.getLocalPort(), "b", null, "k", "s",
                    true, "", 1500, 300, 4);
            try (BlobStore hung = BlobStores.s3(settings)) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> hung.get("a.jpg")).isInstanceOf(IOException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void errorsAreIoExceptionsWithoutSecrets() throws Exception {
        try (BlobStore missing = BlobStores.s3(server.settings("no-such-bucket", "pre"))) {
            assertThatThrownBy(() -> missing.put("a.jpg", new ByteArrayInputStream(new byte[1])))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("S3 put of s3://no-such-bucket/pre/a.jpg failed: ")
                    .hasMessageNotContaining(S3ProxyServer.SECRET_KEY);
            assertThatThrownBy(() -> missing.get("a.jpg")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> missing.list("")).isInstanceOf(IOException.class);
        }
        S3Settings wrongSecret = new S3Settings(server.settings(bucket, "").endpoint(), bucket, null,
                S3ProxyServer.ACCESS_KEY, "wrong-secret-42", true, "");
        try (BlobStore denied = BlobStores.s3(wrongSecret)) {
            assertThatThrownBy(() -> denied.put("a.jpg", new ByteArrayInputStream(new byte[1])))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("403")
                    .hasMessageNotContaining("wrong-secret-42");
        }
        assertThat(wrongSecret.toString()).doesNotContain("wrong-secret-42");
    }

    /** Pseudo-random bytes made on the fly: the test never holds the object either. */
    private static InputStream randomStream(long size) {
        Random random = new Random(42);
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) return -1;
                int n = (int) Math.min(len, left);
                byte[] chunk = new byte[n];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, b, off, n);
                left -= n;
                return n;
            }
        };
    }
}
