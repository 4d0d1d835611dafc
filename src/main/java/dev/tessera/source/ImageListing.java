package dev.tessera.source;

import dev.tessera.image.ImageInfo;
import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.BlobMeta;
import dev.tessera.storage.BlobStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists originals newest first, from the store's listing and each object's time (a tenant's claims, or every
 * original): one head per image, so it suits a playground's "recent uploads", not a catalogue of millions.
 * The cursor is {@code <epoch millis>-<id>} of the last image of the previous page.
 */
final class ImageListing {
    private static final Pattern CURSOR = Pattern.compile("(\\d{1,19})-([0-9a-f]{64})");
    private static final Comparator<Stamp> NEWEST_FIRST =
            Comparator.comparing(Stamp::millis).reversed().thenComparing(Stamp::id);

    private record Stamp(String id, long millis) {}

    /** Reads what is known of one id, empty when it is gone. */
    interface Infos {
        Optional<ImageInfo> info(String id) throws IOException;
    }

    private final BlobStore store;

    ImageListing(BlobStore store) {
        this.store = store;
    }

    /** The tenant's images (every image when {@code tenant} is null) after {@code cursor} (null: from the newest). */
    ImagePage page(String tenant, int limit, String cursor, Infos infos) throws IOException {
        Stamp after = cursor == null ? null : parse(cursor);
        List<Stamp> stamps = new ArrayList<>();
        for (String key : tenant == null ? store.list("originals/") : claimsOf(tenant)) {
            Optional<BlobMeta> meta = store.head(key);
            String id = tenant == null ? key.substring(key.lastIndexOf('/') + 1) : key.split("/")[3];
            meta.ifPresent(m -> stamps.add(new Stamp(id, m.lastModified().toEpochMilli())));
        }
        stamps.sort(NEWEST_FIRST);
        List<ImagePage.Entry> entries = new ArrayList<>();
        Stamp last = null;
        boolean more = false;
        for (Stamp s : stamps) {
            if (after != null && NEWEST_FIRST.compare(s, after) <= 0) continue;
            if (entries.size() == limit) {
                more = true;
                break;
            }
            Optional<ImageInfo> info = infos.info(s.id());
            if (info.isPresent()) entries.add(new ImagePage.Entry(info.get(), Instant.ofEpochMilli(s.millis())));
            last = s;
        }
        return new ImagePage(List.copyOf(entries), more && last != null ? last.millis() + "-" + last.id() : null);
    }

    private List<String> claimsOf(String tenant) throws IOException {
        return store.list("owners/").stream().filter(k -> BlobKeys.tenantOf(k).equals(tenant)).toList();
    }

    private static Stamp parse(String cursor) {
        Matcher m = CURSOR.matcher(cursor);
        if (!m.matches()) throw new IllegalArgumentException("cursor must be the next value of a previous page");
        return new Stamp(m.group(2), Long.parseLong(m.group(1)));
    }
}
