package dev.tessera.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tessera migrate} fs to S3 in a JVM of its own, killed with SIGKILL part-way, then run again. */
class MigrationKillTest {
    @TempDir Path dir;

    @Test
    void aMigrationKilledMidRunAndRunAgainEndsIdentical() throws Exception {
        try (S3ProxyServer s3 = new S3ProxyServer();
                BlobStore fs = BlobStores.filesystem(dir.resolve("data"))) {
            MigrationTest.fillWithImages(fs, 500); // 500 originals and 500 meta records
            String bucket = s3.newBucket();
            String target = "s3://" + bucket + "/tessera?endpoint=" + s3.endpoint() + "&pathStyle=true&region=us-east-1";
            try (BlobStore copy = BlobStores.s3(s3.settings(bucket, "tessera"))) {
                long start = System.nanoTime();
                Process first = migrate(target, "2", dir.resolve("first.out"));
                while (copy.list("").size() < 100 && first.isAlive()) Thread.sleep(100);
                assertThat(first.isAlive()).as("still copying when killed").isTrue();
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no summary
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(first.exitValue()).isEqualTo(137);
                int copiedBeforeKill = copy.list("").size();
                assertThat(copiedBeforeKill).isBetween(100, 999);

                long killed = System.nanoTime();
                Process second = migrate(target, "4", dir.resolve("second.out"));
                assertThat(second.waitFor(90, TimeUnit.SECONDS)).isTrue(); // a bound: ~10-18 s on 2 busy cores
                String summary = Files.readString(dir.resolve("second.out"), StandardCharsets.UTF_8);
                System.out.printf("migrate killed after %d ms with %d/1000 objects copied; the rerun took %d ms: %s",
                        (killed - start) / 1_000_000, copiedBeforeKill, (System.nanoTime() - killed) / 1_000_000, summary);
                assertThat(second.exitValue()).as(summary).isZero();
                Matcher counts = Pattern.compile("migrated 1000 objects: (\\d+) copied .*, (\\d+) already there, 0 failed")
                        .matcher(summary);
                assertThat(counts.find()).as(summary).isTrue();
                assertThat(Integer.parseInt(counts.group(2))).as("what the killed run had copied, whole")
                        .isEqualTo(copiedBeforeKill);
                assertThat(Integer.parseInt(counts.group(1))).isEqualTo(1000 - copiedBeforeKill);

                List<String> keys = fs.list("");
                assertThat(keys).hasSize(1000);
                assertThat(copy.list("")).containsExactlyInAnyOrderElementsOf(keys);
                for (String key : keys) {
                    assertThat(Migration.hash(copy, key)).as(key).isEqualTo(Migration.hash(fs, key));
                }
            }
        }
    }

    /** Starts {@code tessera migrate} (the CLI's main class) in a child JVM, its output going to {@code out}. */
    private Process migrate(String target, String threads, Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.tessera.cli.Main", "migrate",
                "--from", "fs:" + dir.resolve("data"), "--to", target, "--threads", threads)
                .redirectErrorStream(false)
                .redirectOutput(out.toFile())
                .redirectError(new File(out + ".err"));
        pb.environment().put("TESSERA_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY);
        pb.environment().put("TESSERA_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY);
        return pb.start();
    }
}
