package dev.tessera.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fs to a real S3 server: a run stopped half-way and resumed leaves the target identical to the source. */
class MigrationTest {
    private static S3ProxyServer server;

    @BeforeAll
    static void s3() throws Exception {
        server = S3ProxyServer.shared();
    }

    @TempDir Path dir;

    @Test
    void anInterruptedMigrationResumesToAnIdenticalCopy() throws Exception {
        try (BlobStore fs = BlobStores.filesystem(dir.resolve("data"));
                BlobStore s3 = BlobStores.s3(server.settings(server.newBucket(), "tessera"))) {
            fillWithImages(fs, 500); // 500 originals and 500 meta records
            fs.put("renditions/ab/cd/x.jpg", new ByteArrayInputStream(new byte[] {1}));

            Migration first = new Migration(fs, s3, 4, false);
            CompletableFuture<Migration.Summary> run = CompletableFuture.supplyAsync(() -> runQuietly(first));
            while (first.done() < 300 && !run.isDone()) Thread.sleep(5);
            first.stop();
            Migration.Summary stopped = run.get();
            assertThat(stopped.stopped()).isTrue();
            assertThat(stopped.complete()).isFalse();
            assertThat(stopped.copied()).isBetween(300L, 999L);
            assertThat(s3.list("").size()).isLessThan(1000);

            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            Migration.Summary resumed = new Migration(fs, s3, 4, false).run(new PrintStream(progress, true));
            assertThat(resumed.complete()).isTrue();
            assertThat(resumed.total()).isEqualTo(1000);
            assertThat(resumed.skipped()).isGreaterThanOrEqualTo(stopped.copied());
            assertThat(resumed.copied()).isEqualTo(1000 - resumed.skipped());
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("1000/1000 objects");

            List<String> keys = fs.list("originals/");
            assertThat(s3.list("originals/")).isEqualTo(keys);
            assertThat(s3.list("meta/")).isEqualTo(fs.list("meta/"));
            for (String key : s3.list("")) {
                assertThat(Migration.hash(s3, key)).as(key).isEqualTo(Migration.hash(fs, key));
            }
            assertThat(s3.list("renditions/")).isEmpty();

            Migration.Summary again = new Migration(fs, s3, 4, true).run(new PrintStream(new ByteArrayOutputStream()));
            assertThat(again.skipped()).isEqualTo(1000);
            assertThat(again.copied()).isEqualTo(1); // the rendition, asked for this time
        }
    }

    @Test
    void aFailingTargetMakesTheRunIncomplete() throws Exception {
        try (BlobStore fs = BlobStores.filesystem(dir.resolve("data"));
                BlobStore missing = BlobStores.s3(server.settings("no-such-bucket", ""))) {
            fillWithImages(fs, 3);
            Migration.Summary s = new Migration(fs, missing, 2, false).run(new PrintStream(new ByteArrayOutputStream()));
            assertThat(s.failed()).isEqualTo(6);
            assertThat(s.complete()).isFalse();
        }
    }

    private static Migration.Summary runQuietly(Migration m) {
        try {
            return m.run(new PrintStream(new ByteArrayOutputStream()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code n} originals of random bytes stored under their SHA-256, each with a meta record. */
    static List<String> fillWithImages(BlobStore store, int n) throws Exception {
        Random random = new Random(n);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] bytes = new byte[100 + random.nextInt(2000)];
            random.nextBytes(bytes);
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            store.put(BlobKeys.originalKey(id), new ByteArrayInputStream(bytes));
            store.put(metaKey(id), new ByteArrayInputStream(("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8)));
            ids.add(id);
        }
        return ids;
    }

    static String metaKey(String id) {
        return "meta/" + BlobKeys.originalKey(id).substring("originals/".length()) + ".json";
    }
}
