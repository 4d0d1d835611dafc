package dev.tessera.storage;

import static java.nio.file.FileVisitResult.CONTINUE;
import static java.nio.file.FileVisitResult.SKIP_SUBTREE;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link BlobStore} that keeps each object as the file {@code <root>/<key>}.
 *
 * <p>Writes go to a unique file in {@code <root>/.tmp/}, are fsynced and then renamed into place,
 * so readers see either the old object or the new one, never a partial one (refetchable writes skip the
 * fsyncs: the rename still hides partial objects from readers, but a crash may lose or shorten them). A crash can leave
 * files in {@code .tmp/}; they are never listed and are removed when a store is next opened.
 */
final class FsBlobStore implements BlobStore {

    static final String TEMP_DIR = ".tmp";

    /** Temp files younger than this may belong to a put running in another process. */
    static final Duration STALE_TEMP_AGE = Duration.ofHours(1);

    /** Windows cannot open a directory as a channel, so it cannot fsync one. */
    private static final boolean CAN_SYNC_DIRECTORIES =
            !System.getProperty("os.name", "").startsWith("Windows");

    /** Tries to move into place; a concurrent delete may prune the target's empty parent. */
    private static final int MOVE_ATTEMPTS = 3;

    private final Path root;
    private final Path temp;

    FsBlobStore(Path root, Clock clock) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.temp = this.root.resolve(TEMP_DIR);
        Files.createDirectories(temp);
        removeStaleTempFiles(clock.instant().minus(STALE_TEMP_AGE));
    }

    @Override
    public void put(String key, InputStream data) throws IOException {
        write(key, data, true);
    }

    @Override
    public void putRefetchable(String key, InputStream data) throws IOException {
        write(key, data, false);
    }

    private void write(String key, InputStream data, boolean durable) throws IOException {
        Path target = pathOf(key);
        Objects.requireNonNull(data, "data");
        Path part = temp.resolve(UUID.randomUUID() + ".part");
        if (!Files.isDirectory(temp) && Files.isDirectory(root)) Files.createDirectories(temp);
        try {
            try (FileChannel out = FileChannel.open(part, CREATE_NEW, WRITE)) {
                data.transferTo(Channels.newOutputStream(out));
                if (durable) out.force(true);
            }
            moveIntoPlace(part, target, durable);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /**
     * Moves {@code file} into place when it is a regular file on the store's filesystem;
     * otherwise copies it and leaves it where it is.
     */
    @Override
    public void putFile(String key, Path file) throws IOException {
        moveIn(key, file, true);
    }

    @Override
    public void putFileRefetchable(String key, Path file) throws IOException {
        moveIn(key, file, false);
    }

    private void moveIn(String key, Path file, boolean durable) throws IOException {
        Path target = pathOf(key);
        if (!Files.isRegularFile(file, NOFOLLOW_LINKS)) {
            copyIn(key, file, durable);
            return;
        }
        if (durable) {
            try (FileChannel in = FileChannel.open(file, READ)) {
                in.force(true);
            }
        }
        try {
            moveIntoPlace(file, target, durable);
        } catch (AtomicMoveNotSupportedException _) {
            copyIn(key, file, durable);
        }
    }

    private void copyIn(String key, Path file, boolean durable) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            write(key, in, durable);
        }
    }

    @Override
    public Optional<InputStream> get(String key) throws IOException {
        Path path = pathOf(key);
        if (objectAt(path).isEmpty()) return Optional.empty();
        try {
            return Optional.of(Files.newInputStream(path));
        } catch (NoSuchFileException _) {
            return Optional.empty(); // deleted since we looked
        }
    }

    @Override
    public Optional<Path> localFile(String key) throws IOException {
        Path path = pathOf(key);
        return objectAt(path).isPresent() ? Optional.of(path) : Optional.empty();
    }

    @Override
    public Optional<BlobMeta> head(String key) throws IOException {
        return objectAt(pathOf(key))
                .map(a -> new BlobMeta(key, a.size(), a.lastModifiedTime().toInstant()));
    }

    @Override
    public boolean delete(String key) throws IOException {
        Path path = pathOf(key);
        if (objectAt(path).isEmpty() || !Files.deleteIfExists(path)) return false;
        syncDirectory(path.getParent());
        removeEmptyShards(path.getParent());
        return true;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        BlobKeys.validatePrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : resolve(prefix.substring(0, slash));
        List<String> keys = new ArrayList<>();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(temp) ? SKIP_SUBTREE : CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String key = keyOf(file);
                // stray files with names no key can have are not objects
                if (attrs.isRegularFile() && key.startsWith(prefix) && BlobKeys.isValid(key)) {
                    keys.add(key);
                }
                return CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) return CONTINUE; // absent, or deleted meanwhile
                throw e;
            }
        });
        keys.sort(null);
        return keys;
    }

    @Override
    public boolean isReachable() {
        try {
            if (!Files.isDirectory(root) || !Files.isWritable(root)) return false;
            Files.createDirectories(temp); // a root that came back (remounted, restored) may lack it
            Files.delete(Files.createTempFile(temp, "probe-", ".tmp"));
            return true;
        } catch (IOException | SecurityException _) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "FsBlobStore[" + root + "]";
    }

    private Path pathOf(String key) {
        BlobKeys.validate(key);
        return resolve(key);
    }

    /** Resolves a validated key or key directory, making sure it stays inside the root. */
    private Path resolve(String relative) {
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("key escapes the store root: \"" + relative + "\"");
        }
        return path;
    }

    private String keyOf(Path file) {
        Path relative = root.relativize(file);
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    /** The attributes of the object stored at {@code path}, or empty when there is none. */
    private Optional<BasicFileAttributes> objectAt(Path path) throws IOException {
        try {
            // null when absent, without the two exceptions Files.readAttributes throws (a miss is common)
            BasicFileAttributes attrs = path.getFileSystem().provider()
                    .readAttributesIfExists(path, BasicFileAttributes.class);
            if (attrs == null) {
                if (!Files.isDirectory(root)) throw new NoSuchFileException(root.toString(), null, "the store root is gone");
                return Optional.empty();
            }
            return attrs.isRegularFile() ? Optional.of(attrs) : Optional.empty();
        } catch (FileSystemException e) {
            // "not a directory": a shorter key is stored where this key needs a directory
            for (Path dir = path.getParent(); !dir.equals(root); dir = dir.getParent()) {
                if (Files.isRegularFile(dir)) return Optional.empty();
            }
            throw e;
        }
    }

    private void moveIntoPlace(Path source, Path target, boolean durable) throws IOException {
        Path dir = target.getParent();
        for (int attempt = 1; ; attempt++) {
            try {
                createDirectories(dir, durable);
                Files.move(source, target, ATOMIC_MOVE);
                break;
            } catch (NoSuchFileException e) {
                if (attempt == MOVE_ATTEMPTS || !Files.exists(source)) throw e;
            }
        }
        if (durable) syncDirectory(dir);
    }

    /** Creates {@code dir} and its missing parents, and ({@code durable}) fsyncs the entries of the new ones. */
    private void createDirectories(Path dir, boolean durable) throws IOException {
        Path existing = dir;
        while (!Files.isDirectory(existing)) {
            // never recreate a missing root: it may be an unmounted volume
            if (existing.equals(root)) throw new NoSuchFileException(root.toString());
            existing = existing.getParent();
        }
        if (existing.equals(dir)) return;
        Files.createDirectories(dir);
        if (!durable) return;
        for (Path created = dir; !created.equals(existing); created = created.getParent()) {
            syncDirectory(created.getParent());
        }
    }

    /** Best effort: removes empty directories from {@code dir} up to, not including, the key's first segment. */
    private void removeEmptyShards(Path dir) {
        for (Path d = dir; root.relativize(d).getNameCount() > 1; d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (IOException _) {
                return; // not empty (or in use again): leave it and its parents
            }
        }
    }

    private void removeStaleTempFiles(Instant cutoff) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(temp)) {
            for (Path file : files) {
                try {
                    BasicFileAttributes attrs =
                            Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS);
                    if (attrs.isRegularFile() && attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
                        Files.delete(file);
                    }
                } catch (NoSuchFileException _) {
                    // another store on the same root removed it first
                }
            }
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        if (!CAN_SYNC_DIRECTORIES) return;
        try (FileChannel channel = FileChannel.open(dir, READ)) {
            channel.force(true);
        }
    }
}
