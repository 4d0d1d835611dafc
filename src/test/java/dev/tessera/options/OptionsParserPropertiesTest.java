package dev.tessera.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Properties of the URL language over generated queries (fixed seed in CI). */
class OptionsParserPropertiesTest {
    private static final List<String> NAMES = List.of("w", "h", "dpr", "fit", "g", "enlarge", "crop", "rot", "flip",
            "blur", "sharpen", "bg", "fm", "q", "anim", "preset", "sig", "x", "W", "", "url");
    private static final OptionsParser PARSER = new OptionsParser(Map.of("thumb", "w=150&h=150&fit=cover"));

    @Provide
    Arbitrary<Map<String, List<String>>> anyQuery() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(NAMES), Arbitraries.strings().ofMaxLength(6));
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withChars("0123456789.,-+eE:xfpNaInity ").ofMaxLength(24),
                Arbitraries.integers().map(String::valueOf), Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("cover", "contain", "smart", "fp:0.5,0.5", "fp:2,2", "auto", "jpg", "ffffff", "thumb"));
        Arbitrary<List<String>> values = value.list().ofMinSize(0).ofMaxSize(2);
        return Arbitraries.maps(name, values).ofMaxSize(8);
    }

    @Property(seed = "20261122")
    void anyQueryParsesOrIsA400NamingAParameter(@ForAll("anyQuery") Map<String, List<String>> query) {
        try {
            PARSER.parse(query);
        } catch (OptionsException e) {
            assertThat(e.param()).as("the parameter named").isIn(named(query));
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Map<String, List<String>>> validQuery() {
        List<Arbitrary<Tuple.Tuple2<String, String>>> params = List.of(
                Arbitraries.integers().between(1, 8192).map(v -> Tuple.of("w", "" + v)),
                Arbitraries.integers().between(1, 8192).map(v -> Tuple.of("h", "" + v)),
                Arbitraries.of("1", "1.5", "2", "3").map(v -> Tuple.of("dpr", v)),
                Arbitraries.of("cover", "contain", "fill", "inside", "outside").map(v -> Tuple.of("fit", v)),
                Arbitraries.of("center", "north", "smart", "entropy", "fp:0.25,0.75").map(v -> Tuple.of("g", v)),
                Arbitraries.of("0", "90", "180", "270").map(v -> Tuple.of("rot", v)),
                Arbitraries.of("h", "v", "hv").map(v -> Tuple.of("flip", v)),
                Arbitraries.integers().between(1, 100).map(v -> Tuple.of("q", "" + v)),
                Arbitraries.of("jpeg", "jpg", "png", "webp", "avif", "gif").map(v -> Tuple.of("fm", v)),
                Arbitraries.of("0", "1").map(v -> Tuple.of("anim", v)),
                Arbitraries.of("ffffff", "FF000080", "00ff00").map(v -> Tuple.of("bg", v)));
        return Combinators.combine(params).as(list -> {
            Map<String, List<String>> q = new LinkedHashMap<>();
            list.forEach(t -> q.put(t.get1(), List.of(t.get2())));
            return q;
        }).flatMap(full -> Arbitraries.subsetOf(full.keySet()).map(keys -> {
            Map<String, List<String>> q = new LinkedHashMap<>(full);
            q.keySet().retainAll(keys);
            return q;
        }));
    }

    @Property(seed = "20261122")
    void parameterOrderNeverChangesTheCanonicalForm(@ForAll("validQuery") Map<String, List<String>> query,
                                                   @ForAll long shuffleSeed) {
        List<String> keys = new ArrayList<>(query.keySet());
        Collections.shuffle(keys, new Random(shuffleSeed));
        Map<String, List<String>> shuffled = new LinkedHashMap<>();
        keys.forEach(k -> shuffled.put(k, query.get(k)));
        assertThat(PARSER.parse(shuffled).canonical()).isEqualTo(PARSER.parse(query).canonical());
    }

    /** The query's keys and "preset" (an error inside a preset names the preset). */
    private static java.util.Set<String> named(Map<String, List<String>> query) {
        java.util.Set<String> names = new java.util.HashSet<>(query.keySet());
        names.add("preset");
        return names;
    }
}
