package dev.tessera.options;

import static dev.tessera.options.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Presets expand first, explicit params override them, and bad presets fail at construction. */
class PresetTest {
    private static final OptionsParser PARSER = new OptionsParser(Map.of(
            "thumb", "w=150&h=150&fit=cover&g=smart",
            "hero", "w=1600&fm=auto&q=70",
            "retina", "dpr=2"));

    private static String canonical(String qs) {
        return PARSER.parse(query(qs)).canonical();
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', value = {
            "preset=thumb | w=150&h=150&fit=cover&g=smart",
            "preset=thumb&g=north | w=150&h=150&fit=cover&g=north",
            "w=100&preset=thumb | w=100&h=150&fit=cover&g=smart",
            "preset=thumb&fit=contain&bg=000000 | w=150&h=150&fit=contain&g=smart&bg=000000",
            "preset=hero&fm=png | w=1600&fm=png&q=70",
            "preset=hero&sig=x | w=1600&fm=auto&q=70",
            "preset=retina&w=100 | w=200",
            "preset=thumb&dpr=2 | w=300&h=300&g=smart",
    })
    void expandsThenExplicitOverrides(String withPreset, String writtenOut) {
        assertThat(canonical(withPreset)).isEqualTo(canonical(writtenOut));
    }

    @Test
    void explicitOverrideIsStillValidated() {
        assertThatThrownBy(() -> canonical("preset=thumb&w=0")).hasFieldOrPropertyWithValue("param", "w");
        assertThatThrownBy(() -> canonical("preset=thumb&w=1&w=2")).hasFieldOrPropertyWithValue("param", "w");
    }

    @Test
    void unknownPresetIsAnErrorListingTheNames() {
        assertThatThrownBy(() -> canonical("preset=nope"))
                .isInstanceOfSatisfying(OptionsException.class, e -> {
                    assertThat(e.param()).isEqualTo("preset");
                    assertThat(e.getMessage()).isEqualTo("preset must be one of hero, retina, thumb");
                });
        assertThatThrownBy(() -> canonical("preset=Thumb")).hasFieldOrPropertyWithValue("param", "preset");
    }

    @Test
    void presetNamesAreSortedAndReadOnly() {
        assertThat(PARSER.presetNames()).containsExactly("hero", "retina", "thumb");
        assertThatThrownBy(() -> PARSER.presetNames().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "bad | w=0 | w must be an integer from 1 to 8192",
            "bad | w=abc&h=1 | w must be",
            "bad | fm=bmp | fm must be",
            "bad | w=1&w=2 | w is given twice",
            "bad | w=1&preset=thumb | preset is not allowed",
            "bad | sig=abc | sig is not allowed",
            "bad | width=1 | unknown parameter 'width'",
            "bad | w=1& | unknown parameter ''",
            "bad | '' | unknown parameter ''",
            "bad | w | w must be",
            "bad | w= | w must be",
            "bad | 'w=1 ' | w must be",
    })
    void invalidPresetIsRejectedAtConstruction(String name, String query, String reason) {
        assertThatThrownBy(() -> new OptionsParser(Map.of("ok", "w=10", name, query)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("preset '" + name + "' is invalid: ")
                .hasMessageContaining(reason);
    }

    @Test
    void presetNeedsANameAndAQuery() {
        Map<String, String> nullQuery = new HashMap<>();
        nullQuery.put("p", null);
        assertThatThrownBy(() -> new OptionsParser(nullQuery)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("preset 'p' is invalid");
        assertThatThrownBy(() -> new OptionsParser(Map.of("", "w=1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutPresetsThePresetParamIsAnError() {
        assertThatThrownBy(() -> Queries.parse("preset=thumb"))
                .hasFieldOrPropertyWithValue("param", "preset")
                .hasMessage("preset must be a configured preset name, and none are configured");
    }
}
