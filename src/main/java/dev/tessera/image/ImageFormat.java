package dev.tessera.image;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every image format the service knows and what it can hold, written once here; only {@link #encodable()}
 * ones can be rendition outputs.
 */
public enum ImageFormat {
    //   id      mime type     ext     encodable alpha  animation default q
    JPEG("jpeg", "image/jpeg", "jpg", true, false, false, 80),
    PNG("png", "image/png", "png", true, true, false, null),
    WEBP("webp", "image/webp", "webp", true, true, true, 80),
    AVIF("avif", "image/avif", "avif", true, true, false, 60),
    GIF("gif", "image/gif", "gif", true, true, true, null),
    HEIC("heic", "image/heic", "heic", false, true, false, null),
    TIFF("tiff", "image/tiff", "tiff", false, true, false, null);

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
    private final boolean alpha;
    private final boolean animation;
    private final Integer defaultQuality;

    ImageFormat(String id, String mimeType, String extension, boolean encodable, boolean alpha, boolean animation,
                Integer defaultQuality) {
        this.id = id;
        this.mimeType = mimeType;
        this.extension = extension;
        this.encodable = encodable;
        this.alpha = alpha;
        this.animation = animation;
        this.defaultQuality = defaultQuality;
    }

    public String id() { return id; }

    public String mimeType() { return mimeType; }

    public String extension() { return extension; }

    public boolean encodable() { return encodable; }

    /** The {@code q} an output in this format gets when none is given; null when it has no quality setting. */
    public Integer defaultQuality() { return defaultQuality; }

    /** True when an output in this format keeps transparency (else alpha is flattened onto the background). */
    public boolean supportsAlpha() { return alpha; }

    /** True when an output in this format can hold every frame of an animation. */
    public boolean supportsAnimation() { return animation; }

    /** The format of a media type, for renditions read back from the store. */
    public static Optional<ImageFormat> fromMimeType(String mimeType) {
        return Arrays.stream(values()).filter(f -> f.mimeType.equals(mimeType)).findFirst();
    }

    /** The encodable format named by an {@code fm} value or URL extension (lowercase, e.g. "jpg"). */
    public static Optional<ImageFormat> fromParam(String s) {
        return s == null ? Optional.empty() : Optional.ofNullable(BY_PARAM.get(s));
    }

    /** Every value {@link #fromParam} accepts, in declaration order. */
    public static Set<String> paramValues() { return Collections.unmodifiableSet(BY_PARAM.keySet()); }
}
