package dev.tessera.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A durable key/value store of immutable byte objects. Keys are slash-separated paths of
 * {@code [a-z0-9._-]} segments ({@link BlobKeys#validate}). A reader never sees a partial object:
 * once {@code put} returns, the object survives a crash of the process.
 */
public interface BlobStore extends AutoCloseable {

    /** Stores the stream's bytes under {@code key}, replacing any previous object. */
    void put(String key, InputStream data) throws IOException;

    /** Stores a file's bytes; stores that can take the file over cheaply do so (it may be moved). */
    default void putFile(String key, Path file) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            put(key, in);
        }
    }

    /**
     * Stores the stream's bytes as {@link #put} does, for data that can be fetched again (a cache): the store may
     * skip making the object survive a crash (no fsync). While the process runs, readers still never see a
     * partial object; after a crash it may be missing or short, so callers check it (its size) before use.
     */
    default void putRefetchable(String key, InputStream data) throws IOException {
        put(key, data);
    }

    /** Stores a file's bytes as {@link #putFile} does, with the looser durability of {@link #putRefetchable}. */
    default void putFileRefetchable(String key, Path file) throws IOException {
        putFile(key, file);
    }

    /** Opens the object for streaming, or empty when there is none. The caller closes the stream. */
    Optional<InputStream> get(String key) throws IOException;

    /** Reads the whole object; for objects known to be bounded in size. */
    default Optional<byte[]> getBytes(String key) throws IOException {
        Optional<InputStream> in = get(key);
        if (in.isEmpty()) return Optional.empty();
        try (InputStream s = in.get()) {
            return Optional.of(s.readAllBytes());
        }
    }

    /** The object as a local file that can be read in place, when the store keeps it on this machine's disk. */
    default Optional<Path> localFile(String key) throws IOException {
        return Optional.empty();
    }

    /** Size and modification time, or empty when there is no such object. */
    Optional<BlobMeta> head(String key) throws IOException;

    /** Removes the object; true when it existed. */
    boolean delete(String key) throws IOException;

    /** Keys that start with {@code prefix}, in lexicographic order. */
    List<String> list(String prefix) throws IOException;

    /** True when the store can be read and written now (for {@code /ready}). */
    boolean isReachable();

    /** Each underlying store by name and whether it is reachable (for {@code /ready}). */
    default java.util.Map<String, Boolean> reachability() {
        return java.util.Map.of("store", isReachable());
    }

    /** Writes acknowledged but not yet copied to every underlying store. */
    default long repairBacklog() {
        return 0;
    }

    @Override
    default void close() throws IOException {}
}
