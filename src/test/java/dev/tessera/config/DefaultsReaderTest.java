package dev.tessera.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The embedded defaults read without a YAML parser make the tree Jackson's YAML parser makes of them. */
class DefaultsReaderTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theDefaultsReadAsJacksonReadsThem() throws IOException {
        String defaults = ConfigLoader.defaultsText();
        assertThat(DefaultsReader.read(defaults)).isEqualTo(YAML.readTree(defaults));
    }

    @Test
    void everyFormTheSubsetKnowsReadsAsJacksonReadsIt() throws IOException {
        String yaml = """
                # a comment
                a: 0.0.0.0          # text, not a number
                b: {x: null, y: "", z: [], w: {}, v: "p, q # r", u: 0.25,
                    t: -3}
                c:
                  d: true
                  e:
                    f: 4294967296
                    g: ./data-mirror
                h: []
                i: "public, max-age=86400"
                j: false
                """;
        assertThat(DefaultsReader.read(yaml)).isEqualTo(YAML.readTree(yaml));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a: 'single'", "a: \"esc\\\"aped\"", "a: *alias", "- item", "a: {b: 1", "a:b",
            "a: 1\n   b: 2"})
    void refusesWhatItDoesNotKnow(String yaml) {
        assertThatThrownBy(() -> DefaultsReader.read(yaml)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tessera-defaults.yaml");
    }
}
