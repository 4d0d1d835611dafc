package dev.tessera.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every object in two stores. Without a journal a {@code put} returns once both hold the object; with
 * one ({@code mirror.ack: primary}) once the primary holds it and the key is journalled for the
 * {@link MirrorRepairer}. Reads use the primary and fall back to the secondary when the primary lacks the
 * key or fails; a fallback hit is copied back to the primary in the background.
 */
final class MirrorBlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorBlobStore.class);

    private final BlobStore primary;
    private final BlobStore secondary;
    private final MirrorRepairer repairer;

    /** {@code repairer} null: acknowledge writes once both stores have them. */
    MirrorBlobStore(BlobStore primary, BlobStore secondary, MirrorRepairer repairer) {
        this.primary = primary;
        this.secondary = secondary;
        this.repairer = repairer;
    }

    /** The stream can be read once, so it is spooled to a temp file that feeds both stores. */
    @Override
    public void put(String key, InputStream data) throws IOException {
        BlobKeys.validate(key);
        Path tmp = Files.createTempFile("tessera-mirror-", ".part");
        try {
            Files.copy(data, tmp, StandardCopyOption.REPLACE_EXISTING);
            putFile(key, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Without a journal: primary first, the secondary gets the file last, as it may take the file over. With
     * one: the key is journalled before the primary write, so a crash in between is repaired too.
     */
    @Override
    public void putFile(String key, Path file) throws IOException {
        BlobKeys.validate(key);
        if (repairer != null) {
            repairer.journal(key, () -> primary.putFile(key, file));
            return;
        }
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
     * Falls back to the secondary, unless the key awaits repair (the primary then has the newer state). When
     * the primary failed and the secondary has nothing, the primary's error is thrown: the object may well
     * exist, so "absent" would be a guess. A clean primary miss stands when the secondary fails.
     */
    private <T> Optional<T> read(String key, Read<T> read) throws IOException {
        IOException primaryError;
        try {
            Optional<T> found = read.from(primary);
            if (found.isPresent() || repairer != null && repairer.isPending(key)) return found;
            primaryError = null;
        } catch (IOException e) {
            LOG.warn("Primary store failed to read {}, trying the secondary: {}", key, e.toString());
            primaryError = e;
        }
        Optional<T> found;
        try {
            found = read.from(secondary);
        } catch (IOException e) {
            if (primaryError == null) { // the primary's miss stands: the fallback is only for lost objects
                LOG.warn("Secondary store failed to read {} after a primary miss: {}", key, e.toString());
                return Optional.empty();
            }
            e.addSuppressed(primaryError);
            throw e;
        }
        if (found.isEmpty() && primaryError != null) throw primaryError;
        if (found.isPresent() && repairer != null) repairer.restorePrimary(key);
        return found;
    }

    /**
     * Without a journal, secondary first, so a failure half-way never leaves the object readable from the
     * fallback only; with one, the primary, and the secondary follows through the journal.
     */
    @Override
    public boolean delete(String key) throws IOException {
        if (repairer != null) {
            boolean[] existed = new boolean[1];
            repairer.journal(key, () -> existed[0] = primary.delete(key));
            return existed[0];
        }
        boolean inSecondary = secondary.delete(key);
        return primary.delete(key) | inSecondary;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        TreeSet<String> keys = new TreeSet<>(primary.list(prefix));
        List<String> fallback;
        try {
            fallback = secondary.list(prefix);
        } catch (IOException e) { // as for reads: the primary's answer stands while the secondary is down
            LOG.warn("Secondary store failed to list {}: {}", prefix, e.toString());
            return List.copyOf(keys);
        }
        for (String key : fallback) {
            if (repairer == null || !repairer.isPending(key)) keys.add(key); // pending: the primary knows best
        }
        return List.copyOf(keys);
    }

    /**
     * The primary must be reachable; the secondary too when writes wait for it. With a journal the instance
     * stays in service while the secondary is down, and the backlog is repaired when it returns.
     */
    @Override
    public boolean isReachable() {
        return primary.isReachable() && (repairer != null || secondary.isReachable());
    }

    @Override
    public Map<String, Boolean> reachability() {
        Map<String, Boolean> stores = new LinkedHashMap<>();
        stores.put("primary", primary.isReachable());
        stores.put("secondary", secondary.isReachable());
        return stores;
    }

    @Override
    public long repairBacklog() {
        return repairer == null ? 0 : repairer.backlog();
    }

    @Override
    public void close() throws IOException {
        try (secondary) {
            try (primary) {
                if (repairer != null) repairer.close();
            }
        }
    }
}
