package dev.tessera.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code {name}} placeholders in a layer's source or text, filled from the render's query. */
final class Slots {
    /** Query parameters of the render itself, never slots. */
    static final Set<String> RESERVED = Set.of("fm", "q", "dpr", "sig");
    static final int MAX_VALUE = 2000;
    private static final Pattern SLOT = Pattern.compile("\\{([A-Za-z0-9_]{1,32})\\}");

    private Slots() {}

    static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = SLOT.matcher(text);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /**
     * The text with every slot replaced by {@code format(slot, value)}; a slot missing from {@code values} is a
     * 400 naming it. Replacement text is literal (a value holding {@code {x}} is not filled again).
     */
    static String fill(String text, Map<String, String> values, BinaryOperator<String> format) {
        Matcher m = SLOT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String slot = m.group(1);
            String value = values.get(slot);
            if (value == null) {
                throw new TemplateException(TemplateException.Kind.BAD_PARAMETER, "the slot " + slot
                        + " is missing: give it as ?" + slot + "=...", slot);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(format.apply(slot, value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A query value checked for length; null when absent. */
    static String value(Map<String, List<String>> query, String slot) {
        List<String> values = query.get(slot);
        if (values == null || values.isEmpty()) return null;
        String v = values.getFirst();
        if (v.length() > MAX_VALUE) {
            throw new TemplateException(TemplateException.Kind.BAD_PARAMETER, "the slot " + slot + " is longer than "
                    + MAX_VALUE + " characters", slot);
        }
        return v;
    }
}
