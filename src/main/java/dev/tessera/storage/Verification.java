package dev.tessera.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a store's originals against their ids (the SHA-256 of their bytes) and their metadata, and with a
 * reference store (the mirror's other side) reports what only the reference holds and can restore it.
 */
public final class Verification {

    /** One finding: {@code kind} is corrupt, missing, orphan-meta or orphan-original. */
    public record Problem(String kind, String key, boolean repaired) {
        @Override
        public String toString() {
            return kind + " " + key + (repaired ? " (repaired)" : "");
        }
    }

    private final BlobStore store;
    private final BlobStore reference;

    /** {@code reference} may be null: then nothing can be repaired. */
    public Verification(BlobStore store, BlobStore reference) {
        this.store = store;
        this.reference = reference;
    }

    /** Scans the store; with {@code repair}, restores every object it can from the reference. */
    public List<Problem> run(boolean repair) throws IOException {
        List<Problem> problems = new ArrayList<>();
        Set<String> originals = ids(store.list("originals/"), "originals/", "");
        Set<String> metas = ids(store.list("meta/"), "meta/", ".json");
        for (String id : originals) {
            if (!id.equals(sha256(store, BlobKeys.originalKey(id)))) {
                problems.add(restore("corrupt", BlobKeys.originalKey(id), repair));
            }
        }
        if (reference != null) {
            for (String id : ids(reference.list("originals/"), "originals/", "")) {
                if (!originals.contains(id)) problems.add(restore("missing", BlobKeys.originalKey(id), repair));
            }
            for (String id : ids(reference.list("meta/"), "meta/", ".json")) {
                if (!metas.contains(id)) problems.add(restore("missing", metaKey(id), repair));
            }
        }
        for (String id : metas) {
            if (!originals.contains(id) && !reported(problems, BlobKeys.originalKey(id))) {
                problems.add(restore("orphan-meta", BlobKeys.originalKey(id), repair));
            }
        }
        for (String id : originals) {
            if (!metas.contains(id) && !reported(problems, metaKey(id))) {
                problems.add(restore("orphan-original", metaKey(id), repair));
            }
        }
        return problems;
    }

    /** The repair of an orphan fetches its missing half; of anything else, the key itself. */
    private Problem restore(String kind, String key, boolean repair) throws IOException {
        if (!repair || reference == null) return new Problem(kind, key, false);
        if (key.startsWith("originals/")) {
            String id = key.substring(key.lastIndexOf('/') + 1);
            if (!id.equals(sha256(reference, key))) return new Problem(kind, key, false); // no sound copy
        }
        Optional<InputStream> in = reference.get(key);
        if (in.isEmpty()) return new Problem(kind, key, false);
        try (InputStream s = in.get()) {
            store.put(key, s);
        }
        return new Problem(kind, key, true);
    }

    /** A key already reported as missing is not reported again as the missing half of an orphan. */
    private static boolean reported(List<Problem> problems, String key) {
        return problems.stream().anyMatch(p -> p.key().equals(key));
    }

    private static String metaKey(String id) {
        return "meta/" + BlobKeys.originalKey(id).substring("originals/".length()) + ".json";
    }

    /** Image ids named by keys of the layout; anything else under the prefix is not ours and is skipped. */
    private static Set<String> ids(List<String> keys, String prefix, String suffix) {
        Set<String> ids = new TreeSet<>();
        for (String key : keys) {
            if (!key.endsWith(suffix)) continue;
            String id = key.substring(key.lastIndexOf('/') + 1, key.length() - suffix.length());
            if (BlobKeys.isImageId(id) && key.equals(prefix + BlobKeys.originalKey(id).substring(10) + suffix)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static String sha256(BlobStore store, String key) throws IOException {
        byte[] hash = Migration.hash(store, key);
        return hash.length == 0 ? "" : HexFormat.of().formatHex(hash);
    }
}
