package dev.tessera.options;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.image.ImageFormat;
import dev.tessera.rendition.RenditionKey;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Driven by the parameter table: every transform parameter names a different rendition for two different valid
 * values (canonical form and cache key), so none can be forgotten in {@code canonical()}; one rendition spelled
 * two ways has one key.
 */
class EveryParameterTest {
    private static final String ID = "ab".repeat(32);

    /** Per parameter: the query it is tried in, and two valid values that make different renditions. */
    private static final Map<String, String[]> SAMPLES = Map.ofEntries(
            Map.entry("w", new String[] {"", "100", "200"}),
            Map.entry("h", new String[] {"", "100", "200"}),
            Map.entry("dpr", new String[] {"w=100", "1", "2"}),
            Map.entry("fit", new String[] {"w=100&h=100", "cover", "fill"}),
            Map.entry("g", new String[] {"w=100&h=100&fit=cover", "north", "south"}),
            Map.entry("enlarge", new String[] {"w=100", "0", "1"}),
            Map.entry("crop", new String[] {"", "0,0,10,10", "0,0,10,20"}),
            Map.entry("rot", new String[] {"", "90", "180"}),
            Map.entry("flip", new String[] {"", "h", "v"}),
            Map.entry("blur", new String[] {"", "1", "2"}),
            Map.entry("sharpen", new String[] {"", "1", "2"}),
            Map.entry("bg", new String[] {"", "ff0000", "00ff00"}),
            Map.entry("fm", new String[] {"", "png", "webp"}),
            Map.entry("q", new String[] {"fm=jpeg", "50", "60"}),
            Map.entry("anim", new String[] {"", "0", "1"}));

    @Test
    void everyParameterOfTheTableHasSamples() {
        assertThat(SAMPLES.keySet()).as("the transform parameters (sig is not one)")
                .containsExactlyInAnyOrderElementsOf(Params.BY_NAME.keySet());
    }

    static Stream<String> parameters() {
        return Params.BY_NAME.keySet().stream().filter(SAMPLES::containsKey);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameters")
    void twoValuesAreTwoRenditions(String name) {
        String[] sample = SAMPLES.get(name);
        RenderOptions a = resolved(with(sample[0], name + "=" + sample[1]));
        RenderOptions b = resolved(with(sample[0], name + "=" + sample[2]));
        assertThat(a.canonical()).isNotEqualTo(b.canonical());
        assertThat(RenditionKey.of(ID, a)).isNotEqualTo(RenditionKey.of(ID, b));
    }

    /** Fit, gravity and enlarge only matter with a size, the background with padding or a new format. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("parameters")
    void aParameterAloneMakesARenditionUnlessItOnlyQualifiesAnother(String name) {
        String[] sample = SAMPLES.get(name);
        boolean original = Queries.parse(name + "=" + sample[1]).isIdentity()
                && Queries.parse(name + "=" + sample[2]).isIdentity();
        assertThat(original).isEqualTo(Set.of("dpr", "fit", "g", "enlarge", "bg").contains(name));
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', value = {
            "w=150&dpr=2 | w=300",
            "fm=jpg | fm=jpeg",
            "bg=FFFFFF | ''",
            "fm=jpeg&q=80 | fm=jpeg",
            "fm=png&q=50 | fm=png",
            "blur=2 | blur=2.0",
            "w=300&sig=abc | w=300",
    })
    void oneRenditionSpelledTwoWaysHasOneKey(String a, String b) {
        assertThat(RenditionKey.of(ID, resolved(a))).isEqualTo(RenditionKey.of(ID, resolved(b)));
    }

    private static String with(String context, String pair) {
        return context.isEmpty() ? pair : context + "&" + pair;
    }

    /** The options with their output format resolved as a rendition key needs (JPEG when none is given). */
    private static RenderOptions resolved(String query) {
        RenderOptions options = Queries.parse(query);
        return options.withFormat(options.output().format() != null ? options.output().format() : ImageFormat.JPEG);
    }
}
