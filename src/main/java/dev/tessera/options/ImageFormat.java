package dev.tessera.options;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every image format the service knows; only {@link #encodable()} ones can be rendition outputs. */
public enum ImageFormat {
    JPEG("jpeg", "image/jpeg", "jpg", true),
    PNG("png", "image/png", "png", true),
    WEBP("webp", "image/webp", "webp", true),
    AVIF("avif", "image/avif", "avif", true),
    GIF("gif", "image/gif", "gif", true),
    HEIC("heic", "image/heic", "heic", false),
    TIFF("tiff", "image/tiff", "tiff", false);

    /** {@code fm} values (and URL extensions): the id and the extension of each encodable format. */
    private static final Map<String, ImageFormat> BY_PARAM = new LinkedHashMap<>();

    static {
        Arrays.stream(values()).filter(ImageFormat::encodable).forEach(f -> {
            BY_PARAM.put(f.id, f);
            BY_PARAM.put(f.extension, f);
        });
    }

    private final String id;
    private final String mimeType;
    private final String extension;
    private final boolean encodable;

    ImageFormat(String id, String mimeType, String extension, boolean encodable) {
        this.id = id;
        this.mimeType = mimeType;
        this.extension = extension;
        this.encodable = encodable;
    }

    public String id() { return id; }

    public String mimeType() { return mimeType; }

    public String extension() { return extension; }

    public boolean encodable() { return encodable; }

    /** The {@code q} an output in this format gets when none is given; null when it has no quality setting. */
    public Integer defaultQuality() {
        return switch (this) {
            case JPEG, WEBP -> 80;
            case AVIF -> 60;
            default -> null;
        };
    }

    /** The encodable format named by an {@code fm} value or URL extension (lowercase, e.g. "jpg"). */
    public static Optional<ImageFormat> fromParam(String s) {
        return s == null ? Optional.empty() : Optional.ofNullable(BY_PARAM.get(s));
    }

    /** Every value {@link #fromParam} accepts, in declaration order. */
    static Set<String> paramValues() { return Collections.unmodifiableSet(BY_PARAM.keySet()); }
}
