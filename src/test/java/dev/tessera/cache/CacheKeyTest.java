package dev.tessera.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.storage.BlobKeys;
import org.junit.jupiter.api.Test;

/** The rules a cache key's parts follow: each a valid blob-key segment, the stored key within the length limit. */
class CacheKeyTest {
    private static final String ID = "ab12" + "0".repeat(60);

    @Test
    void aValidKeyNamesItsStoredObject() {
        assertThat(new CacheKey(ID, "w300.q80-x_1.jpg").storeKey())
                .isEqualTo("renditions/ab/12/" + ID + "/w300.q80-x_1.jpg");
    }

    @Test
    void aStoredKeyNamesItsRenditionBackAndNoOtherObjectDoes() {
        CacheKey key = new CacheKey(ID, "w300.q80-x_1.jpg");
        assertThat(CacheKey.ofStoreKey(key.storeKey())).contains(key);
        for (String other : new String[] {"originals/ab/12/" + ID, "renditions/ab/12/" + ID, "renditions/ab/12/" + ID + "/",
                "renditions/cd/12/" + ID + "/k", "renditions/ab/12/" + ID + "/k/x", "renditions/ab/12/AB12/k"}) {
            assertThat(CacheKey.ofStoreKey(other)).as(other).isEmpty();
        }
    }

    @Test
    void badImageIdsAndKeysAreRefused() {
        for (String id : new String[] {null, "", "ab1", "AB12cd", "ab/12cd", "ab.1cd", "ab12cd/x"}) {
            assertThatThrownBy(() -> new CacheKey(id, "k")).as(id).isInstanceOf(IllegalArgumentException.class);
        }
        for (String key : new String[] {null, "", ".k", "-k", "k/x", "K", "k x", "..", "k\u00e9"}) {
            assertThatThrownBy(() -> new CacheKey(ID, key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theStoredKeyStaysWithinTheBlobKeyLimit() {
        int room = BlobKeys.MAX_LENGTH - ("renditions/ab/12/" + ID + "/").length();
        assertThat(new CacheKey(ID, "k".repeat(room)).storeKey()).hasSize(BlobKeys.MAX_LENGTH);
        assertThatThrownBy(() -> new CacheKey(ID, "k".repeat(room + 1))).isInstanceOf(IllegalArgumentException.class);
    }
}
