package dev.tessera.storage;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The rules for blob keys, and the keys of well-known objects.
 *
 * <p>A key is 1..{@value #MAX_LENGTH} characters of slash-separated segments, each matching
 * {@code [a-z0-9][a-z0-9._-]*}. That rules out {@code ..}, empty segments, absolute paths,
 * backslashes and upper case, so a key can be used as a relative file path as it is.
 */
public final class BlobKeys {

    /** The longest key a store accepts. */
    public static final int MAX_LENGTH = 512;

    private static final Pattern IMAGE_ID = Pattern.compile("[0-9a-f]{64}");

    private BlobKeys() {}

    /** Throws {@link IllegalArgumentException} unless {@code key} is a valid key. */
    public static void validate(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException("invalid blob key: \"" + key + "\"");
        }
    }

    /** Like {@link #validate}, but also accepts the empty prefix and a trailing slash. */
    public static void validatePrefix(String prefix) {
        boolean valid = prefix != null
                && (prefix.isEmpty()
                        || prefix.length() <= MAX_LENGTH && isValid(withoutTrailingSlash(prefix)));
        if (!valid) {
            throw new IllegalArgumentException("invalid blob key prefix: \"" + prefix + "\"");
        }
    }

    /** {@code originals/ab/cd/<id>} for the image id {@code abcd...}, sharded by its first 4 chars. */
    public static String originalKey(String id) {
        if (!isImageId(id)) {
            throw new IllegalArgumentException("not an image id (64 lowercase hex chars): \"" + id + "\"");
        }
        return "originals/" + id.substring(0, 2) + "/" + id.substring(2, 4) + "/" + id;
    }

    /** {@code baselines/ab/cd/<id>}: the decode-friendly baseline copy of a progressive JPEG original (derived data). */
    public static String baselineKey(String id) {
        return "baselines/" + originalKey(id).substring("originals/".length());
    }

    /** {@code owners/ab/cd/<id>/}: the prefix of every ownership claim on the image. */
    public static String ownersPrefix(String id) {
        return "owners/" + originalKey(id).substring("originals/".length()) + "/";
    }

    /** {@code owners/ab/cd/<id>/<tenant>}, the tenant's name in hex (any name makes a valid segment). */
    public static String ownerKey(String id, String tenant) {
        if (tenant == null || tenant.isEmpty()) throw new IllegalArgumentException("a tenant has a name");
        return ownersPrefix(id) + HexFormat.of().formatHex(tenant.getBytes(StandardCharsets.UTF_8));
    }

    /** The tenant named by an {@link #ownerKey}. */
    public static String tenantOf(String ownerKey) {
        String hex = ownerKey.substring(ownerKey.lastIndexOf('/') + 1);
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }

    /** True for 64 lowercase hex chars (a SHA-256 in hex). */
    public static boolean isImageId(String s) {
        return s != null && IMAGE_ID.matcher(s).matches();
    }

    static boolean isValid(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) return false;
        boolean segmentStart = true;
        for (int i = 0; i < key.length(); i++) { // each segment: [a-z0-9][a-z0-9._-]* (a loop: on every cache lookup)
            char c = key.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (c == '/') {
                if (segmentStart) return false;
                segmentStart = true;
            } else if (alnum || (!segmentStart && (c == '.' || c == '_' || c == '-'))) {
                segmentStart = false;
            } else {
                return false;
            }
        }
        return !segmentStart;
    }

    private static String withoutTrailingSlash(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
