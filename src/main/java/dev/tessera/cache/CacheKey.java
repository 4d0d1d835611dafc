package dev.tessera.cache;

import dev.tessera.storage.BlobKeys;
import java.util.regex.Pattern;

/**
 * Names one cached rendition: the image it is made from and its rendition key. Its stored object is
 * {@code renditions/<id[0:2]>/<id[2:4]>/<imageId>/<key>}, so an image's renditions share one folder.
 */
record CacheKey(String imageId, String key) {
    static final String STORE_ROOT = "renditions/";

    private static final Pattern IMAGE_ID = Pattern.compile("[a-z0-9]{4}[a-z0-9._-]*");
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    CacheKey {
        checkImageId(imageId);
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid rendition key: \"" + key + "\"");
        }
        BlobKeys.validate(folder(imageId) + key); // the length limit
    }

    String storeKey() {
        return folder(imageId) + key;
    }

    /** The folder of the image's stored renditions; its trailing slash keeps {@code abcd1} from matching {@code abcd12}. */
    static String storePrefix(String imageId) {
        return folder(checkImageId(imageId));
    }

    static String checkImageId(String imageId) {
        if (imageId == null || !IMAGE_ID.matcher(imageId).matches()) {
            throw new IllegalArgumentException("invalid image id: \"" + imageId + "\"");
        }
        return imageId;
    }

    private static String folder(String imageId) {
        return STORE_ROOT + imageId.substring(0, 2) + "/" + imageId.substring(2, 4) + "/" + imageId + "/";
    }
}
