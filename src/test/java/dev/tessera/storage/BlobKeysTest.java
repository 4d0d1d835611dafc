package dev.tessera.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BlobKeysTest {

    static final String ID = "ab" + "cd" + "0123456789abcdef".repeat(3) + "0123456789ab";

    @ParameterizedTest
    @ValueSource(strings = {"a", "originals/ab/cd/x.jpg", "0", "a/b-c_d.e", "a..b"})
    void acceptsValidKeys(String key) {
        assertThatNoException().isThrownBy(() -> BlobKeys.validate(key));
    }

    @Test
    void acceptsKeyOfMaxLength() {
        assertThatNoException().isThrownBy(() -> BlobKeys.validate("a".repeat(512)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "../x", "/abs", "a//b", "A", "a\\b", "originals/ab/../../etc", "a/", ".", "..",
        ".tmp/x", "a/.hidden", "-a", "a b", "é", "a/b\n"
    })
    void rejectsInvalidKeys(String key) {
        assertThatIllegalArgumentException().isThrownBy(() -> BlobKeys.validate(key));
    }

    @Test
    void rejectsKeyLongerThanMax() {
        assertThatIllegalArgumentException().isThrownBy(() -> BlobKeys.validate("a".repeat(513)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "originals", "originals/", "originals/ab/", "originals/a"})
    void acceptsValidPrefixes(String prefix) {
        assertThatNoException().isThrownBy(() -> BlobKeys.validatePrefix(prefix));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "../", "a//", "a//b/", "A/", "/abs/", ".tmp/", "a\\b/"})
    void rejectsInvalidPrefixes(String prefix) {
        assertThatIllegalArgumentException().isThrownBy(() -> BlobKeys.validatePrefix(prefix));
    }

    @Test
    void rejectsNullAndOverlongPrefix() {
        assertThatIllegalArgumentException().isThrownBy(() -> BlobKeys.validatePrefix(null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BlobKeys.validatePrefix("a".repeat(512) + "/"));
    }

    @Test
    void ownerKeyNamesAnyTenantInOneValidSegment() {
        String id = "ab12" + "0".repeat(60);
        for (String tenant : new String[] {"a", "Acme Corp", "../x", "ünï/cödé"}) {
            String key = BlobKeys.ownerKey(id, tenant);
            assertThat(BlobKeys.isValid(key)).as(key).isTrue();
            assertThat(key).startsWith(BlobKeys.ownersPrefix(id)).startsWith("owners/ab/12/" + id + "/");
            assertThat(BlobKeys.tenantOf(key)).isEqualTo(tenant);
        }
    }

    @Test
    void originalKeyShardsByFirstFourChars() {
        assertThat(BlobKeys.originalKey(ID)).isEqualTo("originals/ab/cd/" + ID);
        assertThatNoException().isThrownBy(() -> BlobKeys.validate(BlobKeys.originalKey(ID)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"abcd", "../../../etc/passwd"})
    void originalKeyRejectsNonIds(String id) {
        assertThatIllegalArgumentException().isThrownBy(() -> BlobKeys.originalKey(id));
    }

    @Test
    void recognisesImageIds() {
        assertThat(BlobKeys.isImageId(ID)).isTrue();
        assertThat(BlobKeys.isImageId(ID.toUpperCase())).isFalse();
        assertThat(BlobKeys.isImageId(ID.substring(1))).isFalse();
        assertThat(BlobKeys.isImageId(ID + "0")).isFalse();
        assertThat(BlobKeys.isImageId(ID.substring(1) + "g")).isFalse();
        assertThat(BlobKeys.isImageId(null)).isFalse();
    }
}
