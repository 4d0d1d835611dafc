package dev.tessera.options;

import static dev.tessera.options.Queries.PARSER;
import static dev.tessera.options.Queries.parse;
import static dev.tessera.options.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unknown, repeated, missing and pass-through parameters. */
class QueryShapeTest {

    @Test
    void emptyQueryGivesTheDefaults() {
        assertThat(parse("")).isEqualTo(RenderOptions.DEFAULTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"width", "W", "url", "fm ", " w", "", "wé", "format", "s"})
    void unknownParamIsNamed(String name) {
        assertThatThrownBy(() -> PARSER.parse(Map.of(name, List.of("1"))))
                .isInstanceOfSatisfying(OptionsException.class, e -> {
                    assertThat(e.param()).isEqualTo(name);
                    assertThat(e.getMessage()).startsWith("unknown parameter '" + name + "'")
                            .endsWith("the parameters are w, h, dpr, fit, g, enlarge, crop, rot, flip, blur, sharpen,"
                                    + " bg, fm, q, anim, sig, preset");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"w=1&w=1", "w=1&w=2", "fm=png&fm=jpg", "sig=a&sig=b", "preset=a&preset=a", "q=1&q="})
    void repeatedParamIsNamed(String qs) {
        String name = qs.substring(0, qs.indexOf('='));
        assertThatThrownBy(() -> parse(qs))
                .isInstanceOfSatisfying(OptionsException.class, e -> {
                    assertThat(e.param()).isEqualTo(name);
                    assertThat(e.getMessage()).isEqualTo(name + " must be given only once");
                });
    }

    @Test
    void missingOrNullValuesCountAsEmpty() {
        Map<String, List<String>> nullList = new HashMap<>();
        nullList.put("w", null);
        assertThatThrownBy(() -> PARSER.parse(nullList)).hasFieldOrPropertyWithValue("param", "w");
        assertThatThrownBy(() -> PARSER.parse(Map.of("h", List.of())))
                .hasFieldOrPropertyWithValue("param", "h");
        assertThatThrownBy(() -> PARSER.parse(Map.of("q", new ArrayList<>(Arrays.asList((String) null)))))
                .hasFieldOrPropertyWithValue("param", "q");
    }

    @Test
    void nullNameIsAnUnknownParam() {
        Map<String, List<String>> q = new HashMap<>();
        q.put(null, List.of("1"));
        assertThatThrownBy(() -> PARSER.parse(q)).isInstanceOf(OptionsException.class)
                .hasFieldOrPropertyWithValue("param", "");
    }

    @Test
    void passThroughNamesAreIgnored() {
        Map<String, List<String>> q = query("url=http://x/a.png&w=100&url=again");
        assertThat(PARSER.parse(q, Set.of("url")).size().width()).isEqualTo(100);
        assertThatThrownBy(() -> PARSER.parse(q)).hasFieldOrPropertyWithValue("param", "url");
    }

    @Test
    void passThroughNamesAreListedAsAllowed() {
        assertThatThrownBy(() -> PARSER.parse(query("uri=x"), Set.of("url")))
                .hasMessageEndingWith("sig, preset, url");
    }

    @Test
    void passThroughCannotHideATransformParam() {
        assertThatThrownBy(() -> PARSER.parse(query("w=abc"), Set.of("w")))
                .hasFieldOrPropertyWithValue("param", "w");
    }
}
