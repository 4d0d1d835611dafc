package dev.tessera.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.image.ImageHeader;
import dev.tessera.image.SourceImage;
import dev.tessera.source.BlobFiles;
import dev.tessera.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source cache in the {@link BlobStore}, so nodes sharing a store share it: one small entry per URL
 * ({@code remote/entries/..}) and each body once, by content hash ({@code remote/bodies/..}). With a byte bound
 * (a local store) the bodies are kept least-recently-used first; an entry whose body went is a miss. Both are
 * written {@linkplain BlobStore#putRefetchable refetchable} (no fsync): a body a crash lost or cut short is a miss.
 */
final class SourceStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODIES = "remote/bodies/";

    private final BlobStore store;
    private final Path spoolDir;
    private final long maxBytes;
    /** Body content id to size, in access order; guarded by itself. Used only with a bound. */
    private final LinkedHashMap<String, Long> lru = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /** {@code spoolDir}: where a remote store's body is copied to be read (see {@link #open}). */
    SourceStore(BlobStore store, Path spoolDir, long maxBytes) throws IOException {
        this.store = store;
        this.spoolDir = spoolDir;
        this.maxBytes = maxBytes;
        if (maxBytes > 0) {
            for (String key : store.list(BODIES)) {
                Optional<Long> size = store.head(key).map(m -> m.size());
                if (size.isPresent()) track(key.substring(key.lastIndexOf('/') + 1), size.get());
            }
        }
    }

    /** The URL's entry when it and its body are there. */
    Optional<SourceEntry> entry(String url) throws IOException {
        Optional<byte[]> json = store.getBytes(entryKey(url));
        if (json.isEmpty()) return Optional.empty();
        SourceEntry entry;
        try {
            entry = JSON.readValue(json.get(), SourceEntry.class);
        } catch (IOException damaged) {
            return Optional.empty(); // refetched and rewritten
        }
        // written without fsync (refetchable): a body a crash lost or shortened is a miss
        Optional<Long> bodySize = store.head(bodyKey(entry.contentId())).map(m -> m.size());
        if (!entry.url().equals(url) || !bodySize.equals(Optional.of(entry.size()))) return Optional.empty();
        return Optional.of(entry);
    }

    void put(SourceEntry entry) throws IOException {
        store.putRefetchable(entryKey(entry.url()), new ByteArrayInputStream(JSON.writeValueAsBytes(entry)));
    }

    void remove(String url) throws IOException {
        store.delete(entryKey(url));
    }

    /** Stores a fetched body under its content hash (once: the same bytes from another URL are kept as they are). */
    void putBody(String contentId, Path file, long size) throws IOException {
        String key = bodyKey(contentId);
        if (store.head(key).map(m -> m.size() == size).orElse(false)) {
            Files.deleteIfExists(file);
        } else {
            store.putFileRefetchable(key, file);
            Files.deleteIfExists(file); // a store that copied rather than moved it
        }
        if (maxBytes > 0) evict(track(contentId, size));
    }

    /** The body for libvips: read in place from a local store, else a temporary copy; the caller closes it. */
    SourceImage open(String contentId, ImageHeader header) throws IOException {
        String key = bodyKey(contentId);
        if (maxBytes > 0) {
            synchronized (lru) {
                lru.get(contentId); // a use
            }
        }
        return BlobFiles.read(store, key, spoolDir, header).orElseThrow(() -> new IOException("the fetched source "
                + contentId + " left the source cache"));
    }

    /** Records a body; returns the bodies to drop to get back under the bound, least recently used first. */
    private List<String> track(String contentId, long size) {
        List<String> victims = new ArrayList<>();
        synchronized (lru) {
            Long previous = lru.put(contentId, size);
            bytes += size - (previous == null ? 0 : previous);
            for (Iterator<Map.Entry<String, Long>> it = lru.entrySet().iterator(); bytes > maxBytes && it.hasNext(); ) {
                Map.Entry<String, Long> oldest = it.next();
                if (oldest.getKey().equals(contentId)) continue;
                bytes -= oldest.getValue();
                victims.add(oldest.getKey());
                it.remove();
            }
        }
        return victims;
    }

    private void evict(List<String> victims) throws IOException {
        for (String contentId : victims) store.delete(bodyKey(contentId));
    }

    long bytes() {
        synchronized (lru) {
            return bytes;
        }
    }

    static String bodyKey(String contentId) {
        return BODIES + contentId.substring(0, 2) + "/" + contentId.substring(2, 4) + "/" + contentId;
    }

    static String entryKey(String url) {
        String hash = sha256(url);
        return "remote/entries/" + hash.substring(0, 2) + "/" + hash;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
