package dev.tessera.options;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: raw query strings as the HTTP layer hands them over, and canonical strings as maps. */
public final class Queries {
    static final OptionsParser PARSER = new OptionsParser(Map.of());

    private Queries() {}

    /** "a=1&b=2&a=3" to {a=[1,3], b=[2]}, not decoded; "" is no parameter. */
    public static Map<String, List<String>> query(String qs) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (qs.isEmpty()) return query;
        for (String pair : qs.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(eq < 0 ? "" : pair.substring(eq + 1));
        }
        return query;
    }

    /** The query string parsed with no presets. */
    public static RenderOptions parse(String qs) {
        return PARSER.parse(query(qs));
    }

    /** The value of one key in the canonical string of the parsed query. */
    static String canonicalValue(String qs, String key) {
        for (String pair : parse(qs).canonical().split("&")) {
            if (pair.startsWith(key + "=")) return pair.substring(key.length() + 1);
        }
        throw new AssertionError("no " + key + " in canonical string");
    }
}
