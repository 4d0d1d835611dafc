package dev.tessera.loadtest;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A self-contained HTML page: the text report and two inline SVG plots, nothing loaded from elsewhere. */
final class HtmlReport {
    private HtmlReport() {}

    static String render(LoadResult r) {
        StringWriter table = new StringWriter();
        TextReport.print(r, new PrintWriter(table));
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Tessera load test</title>
                <style>body{font-family:sans-serif;margin:2em;max-width:840px}\
                pre{background:#f6f6f6;padding:1em;overflow-x:auto}</style></head>
                <body><h1>Tessera load test</h1>
                <p>Started %s.</p>
                <pre>%s</pre>
                <h2>Latency over time</h2>
                %s<h2>Latency by percentile</h2>
                %s</body></html>
                """.formatted(escape(r.setup().started()), escape(table.toString().strip()), overTime(r),
                byPercentile(r));
    }

    /** p50 and p99 of each second. */
    private static String overTime(LoadResult r) {
        List<LoadResult.Second> series = r.series();
        double[] t = series.stream().mapToDouble(LoadResult.Second::t).toArray();
        double[] p50 = series.stream().mapToDouble(LoadResult.Second::p50).toArray();
        double[] p99 = series.stream().mapToDouble(LoadResult.Second::p99).toArray();
        return SvgChart.render("seconds", "latency (ms)", SvgChart.ticks(r.elapsedSeconds()), List.of(
                new SvgChart.Series("p50", "#1f77b4", t, p50), new SvgChart.Series("p99", "#d62728", t, p99)));
    }

    /** Latency against percentile on HdrHistogram's axis: x = log10(1 / (1 - percentile)), 90% at 1, 99% at 2... */
    private static String byPercentile(LoadResult r) {
        int nines = (int) Math.max(1, Math.ceil(Math.log10(Math.max(r.responses(), 10))));
        List<SvgChart.Tick> ticks = new ArrayList<>();
        for (int k = 0; k <= nines; k++) {
            String percent = BigDecimal.ONE.subtract(BigDecimal.ONE.movePointLeft(k)).movePointRight(2)
                    .stripTrailingZeros().toPlainString();
            ticks.add(new SvgChart.Tick(k, percent + "%"));
        }
        List<LoadResult.Percentile> points = r.distribution();
        double[] x = points.stream()
                .mapToDouble(p -> p.percentile() >= 100 ? nines : -Math.log10(1 - p.percentile() / 100)).toArray();
        double[] y = points.stream().mapToDouble(LoadResult.Percentile::latency).toArray();
        return SvgChart.render("percentile", "latency (ms)", ticks,
                List.of(new SvgChart.Series("latency", "#1f77b4", x, y)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
