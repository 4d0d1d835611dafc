package dev.tessera.templates;

import dev.tessera.text.Align;
import dev.tessera.text.Direction;
import dev.tessera.text.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Fills a template's slots from the query and scales it by dpr: the {@link Scene} to draw, or a 400. */
final class SceneResolver {
    private static final Pattern SOURCE = Pattern.compile("id:[0-9a-f]{64}|https?://\\S+");

    private SceneResolver() {}

    /** The slots the template names (in sources, texts and {@code if}s) with their values; absent ones left out. */
    static TreeMap<String, String> slotValues(Template t, Map<String, List<String>> query) {
        TreeMap<String, String> values = new TreeMap<>();
        for (Layer l : t.layers()) {
            List<String> names = new ArrayList<>();
            if (l.source() != null) names.addAll(Slots.names(l.source()));
            if (l.text() != null) names.addAll(Slots.names(l.text()));
            if (l.condition() != null) names.add(l.condition());
            for (String name : names) {
                String v = Slots.value(query, name);
                if (v != null) values.put(name, v);
            }
        }
        return values;
    }

    static Scene resolve(Template t, Map<String, String> slots, double dpr) {
        List<Scene.Drawing> drawings = new ArrayList<>();
        for (int i = 0; i < t.layers().size(); i++) {
            Layer l = t.layers().get(i);
            if (l.condition() != null && slots.getOrDefault(l.condition(), "").isEmpty()) continue;
            Scene.Box box = new Scene.Box(scale(l.x(), dpr), scale(l.y(), dpr), Math.max(1, scale(l.w(), dpr)),
                    Math.max(1, scale(l.h(), dpr)));
            int radius = scale(l.radiusOrDefault(), dpr);
            drawings.add(switch (l.type()) {
                case "image" -> picture(l, slots, box, radius, "layers[" + i + "].source");
                case "rect" -> new Scene.Rect(box, Scene.rgba(l.colorOrDefault()), radius);
                default -> words(l, slots, box, dpr, "layers[" + i + "]");
            });
        }
        String background = t.background() == null ? "ffffff" : t.background();
        return new Scene(scale(t.width(), dpr), scale(t.height(), dpr), Scene.rgba(background), drawings);
    }

    private static Scene.Picture picture(Layer l, Map<String, String> slots, Scene.Box box, int radius,
                                         String field) {
        List<String> used = Slots.names(l.source());
        String source = Slots.fill(l.source(), slots, (slot, value) -> value);
        if (!SOURCE.matcher(source).matches()) {
            String param = used.size() == 1 ? used.getFirst() : field;
            throw new TemplateException(TemplateException.Kind.BAD_PARAMETER, "the image source must be id:<image id> "
                    + "or an http(s) URL once its slots are filled", param);
        }
        return new Scene.Picture(box, source, l.fallback(), l.fitOrDefault(), radius, field);
    }

    private static Scene.Words words(Layer l, Map<String, String> slots, Scene.Box box, double dpr, String field) {
        String text = "price".equals(l.format())
                ? Slots.fill(l.text(), slots, (slot, v) -> PriceFormat.format(slot, v, l.currency(), l.locale()))
                : Slots.fill(l.text(), slots, (slot, v) -> v);
        int[] c = Scene.rgba(l.colorOrDefault());
        int rgba = c[0] << 24 | c[1] << 16 | c[2] << 8 | c[3];
        TextStyle style = new TextStyle(l.fontOrDefault(), Math.max(1, scale(l.size(), dpr)),
                scale(l.minSizeOrDefault(), dpr), l.bold(), rgba,
                Align.valueOf(l.alignOrDefault().toUpperCase(Locale.ROOT)), l.maxLinesOrDefault(),
                Direction.valueOf(l.directionOrDefault().toUpperCase(Locale.ROOT)));
        return new Scene.Words(box, text, style, field);
    }

    private static int scale(int v, double dpr) {
        return (int) Math.round(v * dpr);
    }
}
