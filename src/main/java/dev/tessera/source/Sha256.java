package dev.tessera.source;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lowercase hex: how an image id is made from its bytes. */
final class Sha256 {
    private final MessageDigest digest;

    Sha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    void update(byte[] buffer, int length) {
        digest.update(buffer, 0, length);
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    static String of(InputStream in) throws IOException {
        Sha256 sha = new Sha256();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) sha.update(buffer, n);
        return sha.hex();
    }
}
