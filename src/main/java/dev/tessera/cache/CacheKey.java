package dev.tessera.cache;

import dev.tessera.storage.BlobKeys;
import java.util.Optional;

/**
 * Names one cached rendition: the image it is made from and its rendition key. Its stored object is
 * {@code renditions/<id[0:2]>/<id[2:4]>/<imageId>/<key>}, so an image's renditions share one folder.
 */
record CacheKey(String imageId, String key) {
    static final String STORE_ROOT = "renditions/";

    /** {@code renditions/ab/cd/} and the slash after the image id. */
    private static final int FOLDER_CHARS = STORE_ROOT.length() + 7;

    CacheKey {
        checkImageId(imageId);
        if (!segment(key, 1) || FOLDER_CHARS + imageId.length() + key.length() > BlobKeys.MAX_LENGTH) {
            throw new IllegalArgumentException("invalid rendition key: \"" + key + "\"");
        }
    }

    String storeKey() {
        return folder(imageId) + key;
    }

    /** The rendition a stored object holds, from its {@link #storeKey()}; empty for any other object. */
    static Optional<CacheKey> ofStoreKey(String storeKey) {
        if (!storeKey.startsWith(STORE_ROOT)) return Optional.empty();
        int slash = storeKey.indexOf('/', FOLDER_CHARS - 1);
        if (slash < 0) return Optional.empty();
        String imageId = storeKey.substring(FOLDER_CHARS - 1, slash);
        String key = storeKey.substring(slash + 1);
        if (!segment(imageId, 4) || !segment(key, 1) || !storeKey.equals(folder(imageId) + key)) {
            return Optional.empty();
        }
        return Optional.of(new CacheKey(imageId, key));
    }

    /** The folder of the image's stored renditions; its trailing slash keeps {@code abcd1} from matching {@code abcd12}. */
    static String storePrefix(String imageId) {
        return folder(checkImageId(imageId));
    }

    static String checkImageId(String imageId) {
        if (!segment(imageId, 4)) {
            throw new IllegalArgumentException("invalid image id: \"" + imageId + "\"");
        }
        return imageId;
    }

    /**
     * True when {@code s} is one key segment whose first {@code alnum} characters are {@code [a-z0-9]} and the rest
     * {@code [a-z0-9._-]} (a loop, not a regex: it runs on every memory hit).
     */
    private static boolean segment(String s, int alnum) {
        if (s == null || s.length() < alnum) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i >= alnum && (c == '.' || c == '_' || c == '-'));
            if (!ok) return false;
        }
        return true;
    }

    private static String folder(String imageId) {
        return STORE_ROOT + imageId.substring(0, 2) + "/" + imageId.substring(2, 4) + "/" + imageId + "/";
    }
}
