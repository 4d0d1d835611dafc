package dev.tessera.loadtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A small inline SVG line chart: y from 0 up, x over the given ticks, a legend. No scripts, no fonts. */
final class SvgChart {
    record Series(String name, String color, double[] x, double[] y) {}

    record Tick(double at, String label) {}

    private static final int WIDTH = 800;
    private static final int HEIGHT = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 40;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;

    private final StringBuilder svg = new StringBuilder();
    private final double xMin;
    private final double xMax;
    private final double yMax;

    private SvgChart(List<Tick> xTicks, double yMax) {
        this.xMin = xTicks.getFirst().at();
        this.xMax = Math.max(xTicks.getLast().at(), xMin + 1e-9);
        this.yMax = yMax;
    }

    /** x values are clamped to the range of {@code xTicks}. */
    static String render(String xLabel, String yLabel, List<Tick> xTicks, List<Series> series) {
        double highest = series.stream().flatMapToDouble(s -> Arrays.stream(s.y())).max().orElse(0);
        List<Tick> yTicks = ticks(highest);
        return new SvgChart(xTicks, yTicks.getLast().at()).draw(xLabel, yLabel, xTicks, yTicks, series);
    }

    /** Ticks from 0 past {@code max} in steps of 1, 2 or 5 times a power of ten, about five of them. */
    static List<Tick> ticks(double max) {
        double raw = Math.max(max, 1e-3) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude * (raw <= magnitude ? 1 : raw <= 2 * magnitude ? 2 : raw <= 5 * magnitude ? 5 : 10);
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(step)));
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; ticks.size() < 2 || ticks.getLast().at() < max; i++) {
            ticks.add(new Tick(i * step, String.format(Locale.ROOT, "%." + decimals + "f", i * step)));
        }
        return ticks;
    }

    private String draw(String xLabel, String yLabel, List<Tick> xTicks, List<Tick> yTicks, List<Series> series) {
        svg.append(String.format(Locale.ROOT, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\" role=\"img\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        for (Tick t : yTicks) {
            double y = y(t.at());
            line(LEFT, y, WIDTH - RIGHT, y, "#ddd");
            text(LEFT - 6, y + 4, "end", t.label());
        }
        for (Tick t : xTicks) {
            double x = x(t.at());
            line(x, TOP, x, HEIGHT - BOTTOM, "#eee");
            text(x, HEIGHT - BOTTOM + 16, "middle", t.label());
        }
        line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#333");
        line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#333");
        text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 12, "middle", xLabel);
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 %.1f)\">%s</text>%n", HEIGHT / 2.0, HEIGHT / 2.0,
                HtmlReport.escape(yLabel)));
        double legendX = LEFT + 10;
        for (Series s : series) {
            polyline(s);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"10\" width=\"12\" height=\"4\" fill=\"%s\"/>%n",
                    legendX, s.color()));
            text(legendX + 16, 16, "start", s.name());
            legendX += 30 + 8 * s.name().length();
        }
        return svg.append("</svg>\n").toString();
    }

    private void polyline(Series s) {
        svg.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(s.color()).append("\" points=\"");
        for (int i = 0; i < s.x().length; i++) {
            double x = Math.clamp(s.x()[i], xMin, xMax);
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(x), y(s.y()[i])));
        }
        svg.append("\"/>\n");
    }

    private void line(double x1, double y1, double x2, double y2, String color) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                x1, y1, x2, y2, color));
    }

    private void text(double x, double y, String anchor, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n",
                x, y, anchor, HtmlReport.escape(text)));
    }

    private double x(double value) {
        return LEFT + (value - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
    }

    private double y(double value) {
        return HEIGHT - BOTTOM - value / yMax * (HEIGHT - TOP - BOTTOM);
    }
}
