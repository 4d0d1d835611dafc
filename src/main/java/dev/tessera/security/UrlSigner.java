package dev.tessera.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * URL signatures: {@code sig} = base64url (no padding) of HMAC-SHA256(key, path + "?" + the query
 * without {@code sig}, in the order sent). Any configured key verifies (rotation); the first signs.
 */
public final class UrlSigner {
    private static final String SIG = "sig";

    private final List<byte[]> keys;

    public UrlSigner(List<String> keys) {
        this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** True when keys are configured, so URLs must be signed. */
    public boolean enabled() {
        return !keys.isEmpty();
    }

    /** The signature of a path and raw query (as sent, percent-encoding kept) with the first key. */
    public String sign(String path, String rawQuery) {
        if (keys.isEmpty()) throw new IllegalStateException("no signing key is configured");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(keys.getFirst(), payload(path, rawQuery)));
    }

    /** True when the raw query carries exactly one {@code sig} that some key produced for this path and query. */
    public boolean verify(String path, String rawQuery) {
        List<String> sigs = params(rawQuery).stream().filter(UrlSigner::isSig).toList();
        if (sigs.size() != 1) return false;
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(sigs.getFirst().substring(SIG.length() + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] payload = payload(path, rawQuery);
        boolean ok = false;
        for (byte[] key : keys) ok |= MessageDigest.isEqual(hmac(key, payload), presented);
        return ok;
    }

    /** The query without its {@code sig} parameter, order kept. */
    public static String withoutSignature(String rawQuery) {
        return params(rawQuery).stream().filter(p -> !isSig(p)).collect(Collectors.joining("&"));
    }

    private static byte[] payload(String path, String rawQuery) {
        return (path + "?" + withoutSignature(rawQuery)).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> params(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return List.of();
        return Arrays.stream(rawQuery.split("&")).filter(p -> !p.isEmpty()).toList();
    }

    private static boolean isSig(String param) {
        return param.startsWith(SIG + "=") || param.equals(SIG);
    }

    private static byte[] hmac(byte[] key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
