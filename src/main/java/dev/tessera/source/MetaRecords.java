package dev.tessera.source;

import dev.tessera.image.ImageInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.image.ImageHeader;
import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The metadata of originals, one JSON object each at {@code meta/ab/cd/<id>.json}; damaged ones read as absent. */
final class MetaRecords {
    /** Made on first use, not by the start (Originals holds a MetaRecords): Jackson's first mapper costs ~100 ms. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private final BlobStore store;

    MetaRecords(BlobStore store) {
        this.store = store;
    }

    /** The raw record, empty when there is none. */
    Optional<byte[]> raw(String id) throws IOException {
        return store.getBytes(key(id));
    }

    void write(ImageInfo info) throws IOException {
        store.put(key(info.id()), new ByteArrayInputStream(Mapper.JSON.writeValueAsBytes(info)));
    }

    void delete(String id) throws IOException {
        store.delete(key(id));
    }

    /** Adds each record's size to its uploader's total, skipping the ids in {@code skip}. */
    void addSizes(Map<String, Long> totals, Set<String> skip) throws IOException {
        for (String key : store.list("meta/")) {
            String id = key.substring(key.lastIndexOf('/') + 1, key.length() - ".json".length());
            if (skip.contains(id)) continue;
            store.getBytes(key).flatMap(json -> parse(id, json))
                    .ifPresent(info -> totals.merge(info.tenant(), info.bytes(), Long::sum));
        }
    }

    /** The record when it is sound: JSON of this id with a known format and a positive size. */
    static Optional<ImageInfo> parse(String id, byte[] json) {
        try {
            ImageInfo info = Mapper.JSON.readValue(json, ImageInfo.class);
            ImageHeader h = info.header();
            boolean sound = id.equals(info.id()) && info.bytes() > 0 && h != null && h.format() != null
                    && h.width() > 0 && h.height() > 0 && h.pages() > 0;
            return sound ? Optional.of(info) : Optional.empty();
        } catch (IOException e) { // truncated, not JSON, an unknown format name, ...
            return Optional.empty();
        }
    }

    private static String key(String id) {
        return "meta/" + BlobKeys.originalKey(id).substring("originals/".length()) + ".json";
    }
}
