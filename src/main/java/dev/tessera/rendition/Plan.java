package dev.tessera.rendition;

import dev.tessera.options.RenderOptions;

/**
 * One rendition, resolved once: the options with their output format, the key naming it, and whether the
 * format was negotiated from Accept (so a response varies on it).
 */
public record Plan(Source source, RenderOptions resolved, String key, boolean variesOnAccept) {

    /** The strong ETag: the key, quoted. */
    public String etag() {
        return "\"" + key + "\"";
    }
}
