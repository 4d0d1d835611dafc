package dev.tessera.templates;

import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a parsed definition against the spec and the limits; the first problem is a 400 naming its field. */
final class TemplateValidator {
    static final int MAX_SIDE = 8192;
    static final int MAX_LAYERS = 32;
    static final int MAX_TEXT = 2000;
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{6}([0-9a-fA-F]{2})?");
    private static final Pattern SLOT_NAME = Pattern.compile("[A-Za-z0-9_]{1,32}");
    private static final Pattern FIXED_SOURCE = Pattern.compile("id:[0-9a-f]{64}|https?://[^{}\\s]+");
    private static final Set<String> FITS = Set.of("cover", "contain", "fill", "inside", "outside");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "image", Set.of("type", "source", "x", "y", "w", "h", "fit", "radius", "if", "fallback"),
            "rect", Set.of("type", "x", "y", "w", "h", "color", "radius", "if"),
            "text", Set.of("type", "text", "x", "y", "w", "h", "font", "size", "weight", "color", "align",
                    "maxLines", "minSize", "format", "currency", "locale", "direction", "if"));

    private TemplateValidator() {}

    static Template validate(Template t, long maxOutputPixels) {
        int width = side(t.width(), "width");
        int height = side(t.height(), "height");
        if ((long) width * height > maxOutputPixels) {
            throw TemplateException.invalid("width", "the canvas is over the output limit of " + maxOutputPixels
                    + " pixels");
        }
        if (t.background() != null) hex(t.background(), "background");
        if (t.layers() == null) throw TemplateException.invalid("layers", "is required (a list, may be empty)");
        if (t.layers().size() > MAX_LAYERS) throw TemplateException.invalid("layers", "at most " + MAX_LAYERS);
        for (int i = 0; i < t.layers().size(); i++) layer(t.layers().get(i), "layers[" + i + "]");
        return t;
    }

    private static void layer(Layer l, String at) {
        if (l == null) throw TemplateException.invalid(at, "must be an object");
        if (l.type() == null) throw TemplateException.invalid(at + ".type", "is required: image, rect or text");
        Set<String> allowed = FIELDS.get(l.type());
        if (allowed == null) throw TemplateException.invalid(at + ".type", "must be image, rect or text");
        fields(l).forEach((name, value) -> {
            if (value != null && !allowed.contains(name)) {
                throw TemplateException.invalid(at + "." + name, "is not a field of a " + l.type() + " layer");
            }
        });
        range(l.x(), at + ".x", -MAX_SIDE, MAX_SIDE);
        range(l.y(), at + ".y", -MAX_SIDE, MAX_SIDE);
        int w = range(l.w(), at + ".w", 1, MAX_SIDE);
        int h = range(l.h(), at + ".h", 1, MAX_SIDE);
        if (l.radius() != null) range(l.radius(), at + ".radius", 0, Math.min(w, h) / 2);
        if (l.color() != null) hex(l.color(), at + ".color");
        if (l.condition() != null) slotName(l.condition(), at + ".if");
        switch (l.type()) {
            case "image" -> image(l, at);
            case "text" -> text(l, at);
            default -> { }
        }
    }

    private static void image(Layer l, String at) {
        text(l.source(), at + ".source", 2048);
        if (l.fit() != null && !FITS.contains(l.fit())) {
            throw TemplateException.invalid(at + ".fit", "must be cover, contain, fill, inside or outside");
        }
        if (l.fallback() != null && !FIXED_SOURCE.matcher(l.fallback()).matches()) {
            throw TemplateException.invalid(at + ".fallback", "must be id:<image id> or an http(s) URL, without slots");
        }
    }

    private static void text(Layer l, String at) {
        text(l.text(), at + ".text", MAX_TEXT);
        int size = range(l.size(), at + ".size", 1, 1000);
        if (l.font() != null && (l.font().isBlank() || l.font().length() > 100)) {
            throw TemplateException.invalid(at + ".font", "must be a font family name of at most 100 characters");
        }
        oneOf(l.weight(), at + ".weight", "normal", "bold");
        oneOf(l.align(), at + ".align", "left", "center", "right");
        oneOf(l.direction(), at + ".direction", "auto", "ltr", "rtl");
        if (l.maxLines() != null) range(l.maxLines(), at + ".maxLines", 1, 100);
        if (l.minSize() != null) range(l.minSize(), at + ".minSize", 1, size);
        if (l.format() == null) {
            if (l.currency() != null) throw TemplateException.invalid(at + ".currency", "needs \"format\": \"price\"");
            if (l.locale() != null) throw TemplateException.invalid(at + ".locale", "needs \"format\": \"price\"");
            return;
        }
        oneOf(l.format(), at + ".format", "price");
        try {
            Currency.getInstance(String.valueOf(l.currency()));
        } catch (IllegalArgumentException e) {
            throw TemplateException.invalid(at + ".currency", "must be an ISO 4217 code such as EUR");
        }
        try {
            new Locale.Builder().setLanguageTag(String.valueOf(l.locale()));
        } catch (IllformedLocaleException e) {
            throw TemplateException.invalid(at + ".locale", "must be a BCP 47 tag such as de-DE");
        }
    }

    private static void text(String value, String at, int max) {
        if (value == null || value.isEmpty()) throw TemplateException.invalid(at, "is required");
        if (value.length() > max) throw TemplateException.invalid(at, "at most " + max + " characters");
        for (String slot : Slots.names(value)) {
            if (Slots.RESERVED.contains(slot)) {
                throw TemplateException.invalid(at, "{" + slot + "} is a render parameter, not a slot name");
            }
        }
    }

    static void slotName(String name, String at) {
        if (!SLOT_NAME.matcher(name).matches() || Slots.RESERVED.contains(name)) {
            throw TemplateException.invalid(at, "must be a slot name ([A-Za-z0-9_]{1,32}, not fm, q, dpr or sig)");
        }
    }

    private static int side(Integer v, String at) {
        return range(v, at, 1, MAX_SIDE);
    }

    private static int range(Integer v, String at, int min, int max) {
        if (v == null) throw TemplateException.invalid(at, "is required");
        if (v < min || v > max) throw TemplateException.invalid(at, "must be " + min + ".." + max);
        return v;
    }

    private static void hex(String v, String at) {
        if (!HEX.matcher(v).matches()) throw TemplateException.invalid(at, "must be hex RRGGBB or RRGGBBAA, no #");
    }

    private static void oneOf(String v, String at, String... values) {
        if (v != null && !Set.of(values).contains(v)) {
            throw TemplateException.invalid(at, "must be one of " + String.join(", ", values));
        }
    }

    private static Map<String, Object> fields(Layer l) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("source", l.source());
        f.put("text", l.text());
        f.put("fit", l.fit());
        f.put("radius", l.radius());
        f.put("color", l.color());
        f.put("font", l.font());
        f.put("size", l.size());
        f.put("weight", l.weight());
        f.put("align", l.align());
        f.put("maxLines", l.maxLines());
        f.put("minSize", l.minSize());
        f.put("format", l.format());
        f.put("currency", l.currency());
        f.put("locale", l.locale());
        f.put("direction", l.direction());
        f.put("if", l.condition());
        f.put("fallback", l.fallback());
        return f;
    }
}
