package dev.tessera.rendition;

import dev.tessera.config.Build;
import dev.tessera.options.RenderOptions;
import dev.tessera.vips.Vips;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names one rendition: a hash of the source's content id, the canonical options with the output
 * format resolved, and the engine (Tessera and libvips versions). Never the signature.
 */
public final class RenditionKey {
    private static final String ENGINE = Build.engine(Vips.version());

    private RenditionKey() {}

    /** 32 hex characters; {@code resolved} must carry its output format. */
    public static String of(String sourceId, RenderOptions resolved) {
        return hash(sourceId, resolved, "");
    }

    /**
     * The key of a {@link Mezzanine}: never that of a rendition with the same options, whose bytes differ (the
     * mezzanine renderer shrinks on load further and saves other Huffman tables).
     */
    static String mezzanine(String sourceId, RenderOptions options) {
        return hash(sourceId, options, "\nmezzanine");
    }

    private static String hash(String sourceId, RenderOptions resolved, String kind) {
        if (resolved.output().format() == null) {
            throw new IllegalArgumentException("the output format must be resolved");
        }
        String text = sourceId + "\n" + resolved.canonical() + "\n" + ENGINE + kind;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
