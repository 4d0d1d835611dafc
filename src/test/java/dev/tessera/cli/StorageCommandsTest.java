package dev.tessera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tessera migrate} and {@code tessera verify} as a user runs them, on two data directories. */
class StorageCommandsTest {
    @TempDir Path dir;

    @Test
    void migrateThenDamageThenVerifyAndRepair() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path original = storeImage(a, "picture bytes");

        assertThat(run("migrate", "--from", "fs:" + a, "--to", "fs:" + b)).isZero();
        Path copy = b.resolve(a.relativize(original));
        assertThat(copy).hasSameBinaryContentAs(original);
        assertThat(run("verify", "--store", "fs:" + b, "--mirror", "fs:" + a)).isZero();

        Files.writeString(copy, "picture bytez");
        assertThat(run("verify", "--store", "fs:" + b, "--mirror", "fs:" + a)).isEqualTo(1);
        assertThat(run("verify", "--store", "fs:" + b, "--mirror", "fs:" + a, "--repair")).isZero();
        assertThat(copy).hasSameBinaryContentAs(original);
        assertThat(run("migrate", "--from", "fs:" + a, "--to", "fs:" + b)).isZero();
    }

    @Test
    void badStoresAreUsageErrors() {
        assertThat(run("migrate", "--from", "ftp://x", "--to", "fs:" + dir)).isEqualTo(2);
        assertThat(run("verify", "--store", "s3://bucket?colour=blue")).isEqualTo(2);
    }

    private static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    /** An original under its SHA-256 with a meta record, laid out as the service stores them. */
    private static Path storeImage(Path root, String content) throws Exception {
        byte[] bytes = content.getBytes();
        String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String shard = id.substring(0, 2) + "/" + id.substring(2, 4) + "/";
        Path original = root.resolve("originals/" + shard + id);
        Files.createDirectories(original.getParent());
        Files.write(original, bytes);
        Path meta = root.resolve("meta/" + shard + id + ".json");
        Files.createDirectories(meta.getParent());
        Files.writeString(meta, "{}");
        return original;
    }
}
