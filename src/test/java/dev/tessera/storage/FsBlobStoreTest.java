package dev.tessera.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FsBlobStoreTest {

    static final String ID = "abcd" + "0123456789abcdef".repeat(3) + "0123456789ab";

    @TempDir Path root;
    BlobStore store;

    @BeforeEach
    void open() throws IOException {
        store = BlobStores.filesystem(root);
    }

    @Test
    void shardsOriginalsOnDisk() throws IOException {
        store.put(BlobKeys.originalKey(ID), bytes("img"));
        assertThat(root.resolve("originals/ab/cd/" + ID)).isRegularFile().hasContent("img");
    }

    @Test
    void aMissingObjectIsEmptyButAMissingRootIsAnError() throws IOException {
        store.put("a/b", bytes("x"));
        assertThat(store.get("a/c")).isEmpty();
        assertThat(store.head("missing/key")).isEmpty();
        assertThat(store.localFile("a/c")).isEmpty();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThatThrownBy(() -> store.head("a/b")).isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessageContaining("the store root is gone");
    }

    @Test
    void rejectsOverlongKeysAndBadPrefixes() {
        assertThatIllegalArgumentException().isThrownBy(() -> store.put("a".repeat(513), bytes("x")));
        assertThatIllegalArgumentException().isThrownBy(() -> store.list("../"));
        assertThatIllegalArgumentException().isThrownBy(() -> store.list("/"));
        assertThatIllegalArgumentException().isThrownBy(() -> store.list(".tmp/"));
    }

    @Test
    void listSkipsTempFilesAndStrayNames() throws IOException {
        store.put("originals/ab/cd/1", bytes("x"));
        Files.writeString(root.resolve(".tmp/leftover.part"), "partial");
        Files.writeString(root.resolve("originals/ab/NOT-A-KEY"), "stray");

        assertThat(store.list("")).containsExactly("originals/ab/cd/1");
        assertThat(store.list("originals/ab/")).containsExactly("originals/ab/cd/1");
    }

    @Test
    void concurrentPutsOfOneKeyLeaveOneIntactObjectAndNoTemporaryFile() throws Exception {
        List<byte[]> contents = BlobStoreContractTest.putConcurrently(store, "same", 16, 512 * 1024);
        byte[] stored = store.getBytes("same").orElseThrow();
        assertThat(contents).anySatisfy(c -> assertThat(c).isEqualTo(stored));
        assertThat(root.resolve(".tmp")).isEmptyDirectory();
    }

    @Test
    void failedPutLeavesNothingBehind() {
        // 100 kB, then an error on every read (InputStream's own read(byte[]) would swallow it)
        InputStream failing = new SequenceInputStream(randomBytes(100_000, 1), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset");
            }
        });
        assertThatThrownBy(() -> store.put("k", failing)).hasMessage("connection reset");
        assertThat(root.resolve("k")).doesNotExist();
        assertThat(root.resolve(".tmp")).isEmptyDirectory();
    }

    @Test
    void crashLeftoverIsInvisibleAndRemovedOnReopen() throws IOException {
        Path stale = Files.writeString(root.resolve(".tmp/crashed.part"), "partial");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = Files.writeString(root.resolve(".tmp/running.part"), "partial");

        assertThat(store.list("")).isEmpty();
        assertThat(BlobStores.filesystem(root).list("")).isEmpty();
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists(); // may belong to a put in progress elsewhere
    }

    @Test
    void staleTempFilesFollowTheInjectedClock() throws IOException {
        Path temp = Files.writeString(root.resolve(".tmp/crashed.part"), "partial");
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(61)), ZoneOffset.UTC);

        BlobStores.filesystem(root, later);

        assertThat(temp).doesNotExist();
    }

    @Test
    void putFileMovesTheFile() throws IOException {
        Path file = Files.writeString(Files.createTempFile(root, "upload", ".bin"), "uploaded");
        store.putFile(BlobKeys.originalKey(ID), file);

        assertThat(file).doesNotExist();
        assertThat(store.getBytes(BlobKeys.originalKey(ID)))
                .hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("uploaded"));
    }

    @Test
    void putFileCopiesFromAnotherFilesystem() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(root)),
                "needs a second filesystem");
        Path file = Files.writeString(Files.createTempFile(shm, "tessera", ".bin"), "uploaded");
        try {
            store.putFile("k", file);
            assertThat(file).hasContent("uploaded");
            assertThat(root.resolve("k")).hasContent("uploaded");
            assertThat(root.resolve(".tmp")).isEmptyDirectory();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void deleteRemovesEmptyShardsButKeepsTheFirstSegment() throws IOException {
        String other = "originals/ab/ef/" + ID;
        store.put(BlobKeys.originalKey(ID), bytes("1"));
        store.put(other, bytes("2"));

        store.delete(BlobKeys.originalKey(ID));
        assertThat(root.resolve("originals/ab/cd")).doesNotExist();
        assertThat(root.resolve("originals/ab/ef")).isDirectory();

        store.delete(other);
        assertThat(root.resolve("originals/ab")).doesNotExist();
        assertThat(root.resolve("originals")).isEmptyDirectory();

        store.put(BlobKeys.originalKey(ID), bytes("again"));
        assertThat(store.list("originals/")).containsExactly(BlobKeys.originalKey(ID));
    }

    @Test
    void directoriesAndKeysBelowObjectsAreAbsent() throws IOException {
        store.put("a/b/c", bytes("x"));
        assertThat(store.get("a/b")).isEmpty();
        assertThat(store.head("a")).isEmpty();
        assertThat(store.delete("a/b")).isFalse();
        assertThat(root.resolve("a/b")).isDirectory();

        assertThat(store.get("a/b/c/d")).isEmpty();
        assertThat(store.head("a/b/c/d/e")).isEmpty();
        assertThat(store.delete("a/b/c/d")).isFalse();
    }

    @Test
    void reachableUntilRootIsDeleted() throws IOException {
        assertThat(store.isReachable()).isTrue();
        deleteTree(root);
        assertThat(store.isReachable()).isFalse();
    }

    @Test
    void doesNotRecreateADeletedRoot() throws IOException {
        Path elsewhere = Files.writeString(Files.createTempFile("tessera", ".bin"), "x");
        try {
            deleteTree(root);
            assertThatThrownBy(() -> store.put("k", bytes("x"))).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> store.putFile("k", elsewhere)).isInstanceOf(IOException.class);
            assertThat(root).doesNotExist();
        } finally {
            Files.deleteIfExists(elsewhere);
        }
    }

    @Test
    void notReachableWhenRootIsReadOnly() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root ignores file permissions");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThat(store.isReachable()).isFalse();
        } finally {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        }
    }

    static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(UTF_8));
    }

    /** {@code size} pseudo-random bytes, made as they are read. */
    static InputStream randomBytes(long size, long seed) {
        Random random = new Random(seed);
        return new InputStream() {
            long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) return -1;
                byte[] chunk = new byte[(int) Math.min(len, left)];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, b, off, chunk.length);
                left -= chunk.length;
                return chunk.length;
            }
        };
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
