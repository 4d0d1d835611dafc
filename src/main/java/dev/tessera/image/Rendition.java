package dev.tessera.image;

import java.util.Objects;

/** An encoded rendition: its bytes (never changed once made), format and pixel size. */
public record Rendition(byte[] body, ImageFormat format, int width, int height) {

    public Rendition {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("invalid size " + width + "x" + height);
    }

    public String contentType() {
        return format.mimeType();
    }
}
