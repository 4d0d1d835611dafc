package harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table of figures against targets: measure | value | target | verdict. */
public final class Table {
    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String title) {
        this.title = title;
    }

    /** A figure with no target. */
    public Table row(String measure, String value) {
        rows.add(new String[] {measure, value, "", ""});
        return this;
    }

    /** A figure against a target; the verdict reads "ok" or "MISSED" with the ratio value/limit. */
    public Table row(String measure, String value, String target, double ratio, boolean met) {
        String verdict = Double.isNaN(ratio) ? "no data"
                : String.format(Locale.ROOT, "%s (%.2fx the target)", met ? "ok" : "MISSED", ratio);
        rows.add(new String[] {measure, value, target, verdict});
        return this;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("### ").append(title).append("\n\n");
        md.append("| measure | value | target | verdict |\n|---|---|---|---|\n");
        for (String[] r : rows) md.append("| ").append(String.join(" | ", r)).append(" |\n");
        return md.toString();
    }
}
