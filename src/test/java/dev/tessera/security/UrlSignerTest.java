package dev.tessera.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlSignerTest {
    private static final String PATH = "/images/" + "a".repeat(64);

    /** The spec's formula, computed independently of UrlSigner. */
    private static String expected(String key, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signsThePathAndQueryInTheOrderSent() throws Exception {
        UrlSigner signer = new UrlSigner(List.of("k1"));
        assertThat(signer.sign(PATH, "w=300&h=200")).isEqualTo(expected("k1", PATH + "?w=300&h=200"));
        assertThat(signer.sign(PATH, "h=200&w=300")).isNotEqualTo(signer.sign(PATH, "w=300&h=200"));
        assertThat(signer.sign(PATH, "w=300")).doesNotContain("=", "+", "/");
    }

    @Test
    void verifiesWhereverSigStandsInTheQuery() {
        UrlSigner signer = new UrlSigner(List.of("k1"));
        String sig = signer.sign(PATH, "w=300&h=200");
        assertThat(signer.verify(PATH, "w=300&h=200&sig=" + sig)).isTrue();
        assertThat(signer.verify(PATH, "sig=" + sig + "&w=300&h=200")).isTrue();
        assertThat(signer.verify(PATH, "w=300&sig=" + sig + "&h=200")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"w=300&h=200", "w=300&h=200&sig=", "w=300&h=200&sig=AAAA", "w=301&h=200&sig=GOOD",
        "h=200&w=300&sig=GOOD", "w=300&h=200&sig=GOOD&sig=GOOD", "w=300&h=200&sig=%%%", "w=300&h=200&blur=5&sig=GOOD"})
    void refusesMissingWrongOrTamperedSignatures(String query) {
        UrlSigner signer = new UrlSigner(List.of("k1"));
        String good = signer.sign(PATH, "w=300&h=200");
        assertThat(signer.verify(PATH, query.replace("GOOD", good))).isFalse();
        assertThat(signer.verify(PATH.replace('a', 'b'), "w=300&h=200&sig=" + good)).isFalse();
    }

    @Test
    void acceptsAnyConfiguredKeyForRotation() {
        String oldSig = new UrlSigner(List.of("old")).sign(PATH, "w=1");
        String newSig = new UrlSigner(List.of("new")).sign(PATH, "w=1");
        UrlSigner rotating = new UrlSigner(List.of("new", "old"));
        assertThat(rotating.verify(PATH, "w=1&sig=" + oldSig)).isTrue();
        assertThat(rotating.verify(PATH, "w=1&sig=" + newSig)).isTrue();
        assertThat(new UrlSigner(List.of("new")).verify(PATH, "w=1&sig=" + oldSig)).isFalse();
    }

    @Test
    void stripsOnlyTheSignature() {
        assertThat(UrlSigner.withoutSignature("w=1&sig=x&signal=2&h=3")).isEqualTo("w=1&signal=2&h=3");
        assertThat(UrlSigner.withoutSignature(null)).isEmpty();
    }
}
