package dev.tessera.templates;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One layer of any type ({@code image}, {@code rect}, {@code text}); fields that do not apply to its type are
 * refused by {@link TemplateValidator}. Null means "not given": the spec's defaults are read through the getters.
 */
record Layer(String type, String source, String text, Integer x, Integer y, Integer w, Integer h, String fit,
             Integer radius, String color, String font, Integer size, String weight, String align, Integer maxLines,
             Integer minSize, String format, String currency, String locale, String direction,
             @JsonProperty("if") String condition, String fallback) {

    static final String DEFAULT_FONT = "DejaVu Sans";

    String fitOrDefault() { return fit == null ? "contain" : fit; }

    int radiusOrDefault() { return radius == null ? 0 : radius; }

    String colorOrDefault() { return color == null ? "000000" : color; }

    String fontOrDefault() { return font == null ? DEFAULT_FONT : font; }

    boolean bold() { return "bold".equals(weight); }

    String alignOrDefault() { return align == null ? "left" : align; }

    int maxLinesOrDefault() { return maxLines == null ? 1 : maxLines; }

    int minSizeOrDefault() { return minSize == null ? 0 : minSize; }

    String directionOrDefault() { return direction == null ? "auto" : direction; }
}
