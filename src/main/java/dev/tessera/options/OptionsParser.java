package dev.tessera.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Parses a query's transform parameters into {@link RenderOptions} (see the API's "Transform parameters").
 * Immutable: one instance serves every thread.
 */
public final class OptionsParser {
    private static final String PRESET = "preset";
    private static final String SIG = "sig";

    /** Preset name to its parameter values, sorted by name. */
    private final Map<String, Map<String, String>> presets;

    /**
     * @param presets preset name to a query string such as {@code w=150&h=150&fit=cover&g=smart}
     *                (not percent-decoded; no preset values need escaping)
     * @throws IllegalArgumentException naming the first invalid preset
     */
    public OptionsParser(Map<String, String> presets) {
        Map<String, Map<String, String>> checked = new TreeMap<>();
        presets.forEach((name, query) -> checked.put(checkedName(name), presetValues(name, query)));
        this.presets = Collections.unmodifiableMap(checked);
    }

    /** Parses the query of {@code /images/{id}}: every parameter must be a transform parameter (or sig). */
    public RenderOptions parse(Map<String, List<String>> query) {
        return parse(query, Set.of());
    }

    /**
     * Parses a query that may also hold the {@code passThrough} parameters of its route (e.g. "url"),
     * which are ignored here. A transform parameter's name always counts as a transform parameter.
     *
     * @throws OptionsException for an unknown or repeated parameter or an invalid value
     */
    public RenderOptions parse(Map<String, List<String>> query, Set<String> passThrough) {
        Map<String, String> given = new HashMap<>();
        query.forEach((key, values) -> {
            String name = Objects.requireNonNullElse(key, "");
            if (name.equals(PRESET) || name.equals(SIG) || Params.BY_NAME.containsKey(name)) {
                given.put(name, single(name, values));
            } else if (!passThrough.contains(name)) {
                throw unknown(name, passThrough);
            }
        });
        String preset = given.remove(PRESET);
        String sig = given.remove(SIG);
        RenderOptions options = Params.toOptions(preset == null ? given : withPreset(preset, given));
        // the signature is the security layer's business: here it only has to be there
        if (sig != null && sig.isEmpty()) throw new OptionsException(SIG, "sig must be the URL signature");
        return options;
    }

    /** Every parameter a rendition URL takes ({@code sig} aside), for clients: the table's, then {@code preset}. */
    public List<ParamDoc> schema() {
        List<ParamDoc> docs = new ArrayList<>(Params.BY_NAME.values().stream().map(Param::doc).toList());
        docs.add(ParamDoc.of(PRESET, "enum").values(List.copyOf(presets.keySet()))
                .described("A configured preset's name; explicit parameters override its values", null));
        return docs;
    }

    /** The configured preset names, sorted. */
    public Set<String> presetNames() {
        return presets.keySet();
    }

    /** The preset's values overridden by the explicit ones. */
    private Map<String, String> withPreset(String preset, Map<String, String> explicit) {
        Map<String, String> values = presets.get(preset);
        if (values == null) {
            throw new OptionsException(PRESET, presets.isEmpty()
                    ? "preset must be a configured preset name, and none are configured"
                    : "preset must be one of " + String.join(", ", presets.keySet()));
        }
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(explicit);
        return merged;
    }

    /** The one value of a parameter; a missing or null value counts as empty, which nothing allows. */
    private static String single(String name, List<String> values) {
        if (values != null && values.size() > 1) throw new OptionsException(name, name + " must be given only once");
        return values == null || values.isEmpty() ? "" : Objects.requireNonNullElse(values.getFirst(), "");
    }

    private static OptionsException unknown(String name, Set<String> passThrough) {
        List<String> allowed = new ArrayList<>(Params.BY_NAME.keySet());
        allowed.add(SIG);
        allowed.add(PRESET);
        allowed.addAll(new TreeSet<>(passThrough));
        return new OptionsException(name, "unknown parameter '" + name + "'; the parameters are "
                + String.join(", ", allowed));
    }

    private static String checkedName(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("a preset needs a non-empty name");
        return name;
    }

    /** Parses and validates one preset's query string into parameter name to value. */
    private static Map<String, String> presetValues(String name, String query) {
        Map<String, String> values = new HashMap<>();
        for (String pair : Objects.requireNonNullElse(query, "").split("&", -1)) {
            int eq = pair.indexOf('=');
            String param = eq < 0 ? pair : pair.substring(0, eq);
            if (param.equals(PRESET) || param.equals(SIG)) throw invalidPreset(name, param + " is not allowed in a preset");
            if (!Params.BY_NAME.containsKey(param)) throw invalidPreset(name, "unknown parameter '" + param + "'");
            if (values.put(param, eq < 0 ? "" : pair.substring(eq + 1)) != null) {
                throw invalidPreset(name, param + " is given twice");
            }
        }
        try {
            Params.toOptions(values);
        } catch (OptionsException e) {
            throw invalidPreset(name, e.getMessage());
        }
        return Map.copyOf(values);
    }

    private static IllegalArgumentException invalidPreset(String name, String reason) {
        return new IllegalArgumentException("preset '" + name + "' is invalid: " + reason);
    }
}
