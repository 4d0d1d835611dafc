package dev.tessera.source;

import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who owns which image: one small object per claim ({@link BlobKeys#ownerKey}) holding the bytes charged to
 * the tenant, so adding or removing a claim is one atomic put or delete on any store.
 */
final class Ownership {
    private final BlobStore store;

    Ownership(BlobStore store) {
        this.store = store;
    }

    /** The bytes charged to the tenant for the image, or empty when the tenant does not own it. */
    Optional<Long> claim(String id, String tenant) throws IOException {
        return store.getBytes(BlobKeys.ownerKey(id, tenant)).map(Ownership::charged);
    }

    /** Stores the claim durably (the store fsyncs a put before it returns). */
    void add(String id, String tenant, long bytes) throws IOException {
        byte[] body = Long.toString(bytes).getBytes(StandardCharsets.US_ASCII);
        store.put(BlobKeys.ownerKey(id, tenant), new ByteArrayInputStream(body));
    }

    void remove(String id, String tenant) throws IOException {
        store.delete(BlobKeys.ownerKey(id, tenant));
    }

    /** The image's owners, in the store's (lexicographic) key order. */
    List<String> owners(String id) throws IOException {
        return store.list(BlobKeys.ownersPrefix(id)).stream().map(BlobKeys::tenantOf).toList();
    }

    /** Every claim's charge, added up per tenant into {@code totals}; returns the ids that have an owner. */
    List<String> addCharges(Map<String, Long> totals) throws IOException {
        List<String> keys = store.list("owners/");
        for (String key : keys) {
            store.getBytes(key).ifPresent(b -> totals.merge(BlobKeys.tenantOf(key), charged(b), Long::sum));
        }
        return keys.stream().map(k -> k.split("/")[3]).distinct().toList();
    }

    /** A damaged claim charges nothing rather than making the image impossible to delete. */
    private static long charged(byte[] body) {
        try {
            return Long.parseLong(new String(body, StandardCharsets.US_ASCII).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
