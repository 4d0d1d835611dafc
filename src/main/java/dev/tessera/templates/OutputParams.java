package dev.tessera.templates;

import dev.tessera.image.ImageFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code fm} (png default, jpeg, webp, avif), {@code q} (1..100) and {@code dpr} (1..4) of a render. */
record OutputParams(ImageFormat format, Integer quality, double dpr) {
    private static final Set<ImageFormat> FORMATS = Set.of(ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP,
            ImageFormat.AVIF);

    static OutputParams of(Map<String, List<String>> query) {
        String fm = first(query, "fm");
        ImageFormat format = fm == null ? ImageFormat.PNG : ImageFormat.fromParam(fm).filter(FORMATS::contains)
                .orElseThrow(() -> bad("fm", "fm must be png, jpeg, webp or avif"));
        String q = first(query, "q");
        Integer quality = null;
        if (q != null) {
            quality = q.matches("[0-9]{1,3}") ? Integer.parseInt(q) : -1;
            if (quality < 1 || quality > 100) throw bad("q", "q must be a whole number 1..100");
        }
        String d = first(query, "dpr");
        double dpr = 1;
        if (d != null) {
            dpr = d.matches("[0-9](\\.[0-9]{1,2})?") ? Double.parseDouble(d) : 0;
            if (dpr < 1 || dpr > 4) throw bad("dpr", "dpr must be a number 1..4 with at most 2 decimals");
        }
        return new OutputParams(format, quality, dpr);
    }

    /** The canonical text of these params for a render key. */
    String canonical() {
        return "fm=" + format.id() + "&q=" + (quality == null ? "" : quality) + "&dpr=" + dpr;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static TemplateException bad(String param, String message) {
        return new TemplateException(TemplateException.Kind.BAD_PARAMETER, message, param);
    }
}
