package dev.tessera.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every object in two stores. Writes go to both, so a successful {@code put} means both hold it;
 * reads use the primary and fall back to the secondary when the primary lacks the key or fails.
 */
final class MirrorBlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorBlobStore.class);

    private final BlobStore primary;
    private final BlobStore secondary;

    MirrorBlobStore(BlobStore primary, BlobStore secondary) {
        this.primary = primary;
        this.secondary = secondary;
    }

    /** The stream can be read once, so it is spooled to a temp file that feeds both stores. */
    @Override
    public void put(String key, InputStream data) throws IOException {
        Path tmp = Files.createTempFile("tessera-mirror-", ".part");
        try {
            Files.copy(data, tmp, StandardCopyOption.REPLACE_EXISTING);
            putFile(key, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Primary first; the secondary gets the file last, as it may take the file over. */
    @Override
    public void putFile(String key, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            primary.put(key, in);
        }
        secondary.putFile(key, file);
    }

    @Override
    public Optional<InputStream> get(String key) throws IOException {
        return read(key, s -> s.get(key));
    }

    @Override
    public Optional<BlobMeta> head(String key) throws IOException {
        return read(key, s -> s.head(key));
    }

    private interface Read<T> {
        Optional<T> from(BlobStore store) throws IOException;
    }

    /**
     * Falls back to the secondary. When the primary failed and the secondary has nothing, the primary's
     * error is thrown: the object may well exist, so "absent" would be a guess.
     */
    private <T> Optional<T> read(String key, Read<T> read) throws IOException {
        IOException primaryError;
        try {
            Optional<T> found = read.from(primary);
            if (found.isPresent()) return found;
            primaryError = null;
        } catch (IOException e) {
            LOG.warn("Primary store failed to read {}, trying the secondary: {}", key, e.toString());
            primaryError = e;
        }
        Optional<T> found;
        try {
            found = read.from(secondary);
        } catch (IOException e) {
            if (primaryError != null) e.addSuppressed(primaryError);
            throw e;
        }
        if (found.isEmpty() && primaryError != null) throw primaryError;
        return found;
    }

    /** Secondary first, so a failure half-way never leaves the object readable from the fallback only. */
    @Override
    public boolean delete(String key) throws IOException {
        boolean inSecondary = secondary.delete(key);
        return primary.delete(key) | inSecondary;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        TreeSet<String> keys = new TreeSet<>(primary.list(prefix));
        keys.addAll(secondary.list(prefix));
        return List.copyOf(keys);
    }

    /**
     * Follows the primary alone: reads still work from the primary while the secondary is down, so the
     * instance stays in service, and writes then fail loudly instead.
     */
    @Override
    public boolean isReachable() {
        return primary.isReachable();
    }

    @Override
    public void close() throws IOException {
        try (secondary) {
            primary.close();
        }
    }
}
