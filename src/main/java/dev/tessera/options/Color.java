package dev.tessera.options;

import java.util.HexFormat;
import java.util.stream.IntStream;

/** An sRGB colour with alpha, each channel 0..255. */
public record Color(int r, int g, int b, int a) {
    public static final Color WHITE = new Color(255, 255, 255, 255);

    public Color {
        if (IntStream.of(r, g, b, a).anyMatch(c -> c < 0 || c > 255)) {
            throw new IllegalArgumentException("colour channels must be 0..255");
        }
    }

    /** Lowercase hex: rrggbb when opaque, else rrggbbaa. */
    public String hex() {
        byte[] channels = opaque() ? new byte[] {(byte) r, (byte) g, (byte) b}
                : new byte[] {(byte) r, (byte) g, (byte) b, (byte) a};
        return HexFormat.of().formatHex(channels);
    }

    public boolean opaque() { return a == 255; }
}
