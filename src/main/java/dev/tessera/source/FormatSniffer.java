package dev.tessera.source;

import dev.tessera.image.ImageFormat;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Tells an image format from its first bytes, never from a name or a Content-Type. */
public final class FormatSniffer {
    /** Enough bytes for every signature below. */
    public static final int HEAD_BYTES = 64;

    private FormatSniffer() {}

    public static Optional<ImageFormat> sniff(byte[] head) {
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) return Optional.of(ImageFormat.JPEG);
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return Optional.of(ImageFormat.PNG);
        if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) return Optional.of(ImageFormat.GIF);
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) return Optional.of(ImageFormat.WEBP);
        if (startsWith(head, 0, 'I', 'I', 0x2A, 0x00) || startsWith(head, 0, 'M', 'M', 0x00, 0x2A)) {
            return Optional.of(ImageFormat.TIFF);
        }
        if (ascii(head, 4, "ftyp")) return isobmff(head);
        return Optional.empty();
    }

    /** HEIF family: AVIF when the major or a compatible brand says so, else HEIC for the HEIF brands. */
    private static Optional<ImageFormat> isobmff(byte[] head) {
        int boxSize = head.length >= 4 ? ((head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16
                | (head[2] & 0xFF) << 8 | (head[3] & 0xFF)) : 0;
        int end = Math.min(head.length, Math.max(16, boxSize));
        boolean heif = false;
        for (int at = 8; at + 4 <= end; at += 4) {
            if (at == 12) continue; // minor version
            String brand = new String(head, at, 4, StandardCharsets.ISO_8859_1);
            if (brand.equals("avif") || brand.equals("avis")) return Optional.of(ImageFormat.AVIF);
            heif |= brand.equals("heic") || brand.equals("heix") || brand.equals("mif1") || brand.equals("msf1");
        }
        return heif ? Optional.of(ImageFormat.HEIC) : Optional.empty();
    }

    private static boolean startsWith(byte[] data, int at, int... bytes) {
        if (data.length < at + bytes.length) return false;
        for (int i = 0; i < bytes.length; i++) if ((data[at + i] & 0xFF) != bytes[i]) return false;
        return true;
    }

    private static boolean ascii(byte[] data, int at, String text) {
        return startsWith(data, at, text.chars().toArray());
    }
}
