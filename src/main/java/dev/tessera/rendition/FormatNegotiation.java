package dev.tessera.rendition;

import dev.tessera.image.ImageFormat;
import dev.tessera.options.RenderOptions;
import dev.tessera.image.ImageHeader;

/** Picks the output format: explicit, negotiated from Accept for fm=auto, else the source's. */
final class FormatNegotiation {
    private FormatNegotiation() {}

    static ImageFormat resolve(RenderOptions options, ImageHeader source, String accept) {
        if (options.output().autoFormat()) {
            if (accepts(accept, "image/avif")) return ImageFormat.AVIF;
            if (accepts(accept, "image/webp")) return ImageFormat.WEBP;
            return source.hasAlpha() ? ImageFormat.PNG : ImageFormat.JPEG;
        }
        if (options.output().format() != null) return options.output().format();
        if (source.format().encodable()) return source.format();
        return source.hasAlpha() ? ImageFormat.PNG : ImageFormat.JPEG;
    }

    /** True when the Accept header lists the media type with a non-zero q. Wildcards don't count. */
    static boolean accepts(String accept, String mediaType) {
        if (accept == null) return false;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            if (parts.length == 0) continue; // ";" alone: nothing named
            if (!parts[0].strip().equalsIgnoreCase(mediaType)) continue;
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.startsWith("q=")) refused = p.substring(2).strip().matches("0(\\.0*)?");
            }
            if (!refused) return true;
        }
        return false;
    }
}
