package dev.tessera.templates;

import dev.tessera.image.ImageFormat;

/** One render of a template, resolved before the cache: its scene, output and key (the strong ETag, quoted). */
public record TemplatePlan(StoredTemplate template, Scene scene, ImageFormat format, Integer quality, String key) {

    public String etag() {
        return "\"" + key + "\"";
    }
}
