package dev.tessera.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The YAML tree to the configuration's values: every type they have, and one problem line per bad value. */
class ConfigBinderTest {
    record Inner(int count, String fallback) {}

    record Everything(int i, long l, double d, boolean b, Integer boxed, Long boxedLong, Double boxedDouble,
                      String text, Path path, StorageKind kind, List<String> list, Map<String, Inner> inners,
                      Map<String, JsonNode> free, Inner inner) {}

    private final List<String> problems = new ArrayList<>();
    private final ConfigBinder binder = new ConfigBinder(problems);

    private static JsonNode tree(String yaml) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(yaml);
    }

    /** Reads every kind of value the configuration has, as the binder reads the configuration's records. */
    private Everything read(String yaml) throws Exception {
        ConfigBinder.Section s = binder.root(tree(yaml));
        return s.done(new Everything(s.integer("i"), s.whole("l"), s.number("d"), s.bool("b"), s.optionalInteger("boxed"),
                s.optionalWhole("boxedLong"), s.optionalNumber("boxedDouble"), s.text("text"), s.path("path"),
                s.choice("kind", StorageKind.values()), s.texts("list"), s.entries("inners", ConfigBinderTest::inner),
                s.trees("free"), inner(s.section("inner"))));
    }

    private static Inner inner(ConfigBinder.Section s) {
        return s.done(new Inner(s.integer("count"), s.text("default")));
    }

    private static final String ALL = """
            i: 7
            l: 5000000000
            d: 0.25
            b: true
            boxed: 3
            boxedLong: null
            boxedDouble: 1.5
            text: hello
            path: ./data
            kind: s3
            list: [a, b]
            inners: {x: {count: 1, default: one}, y: {count: 2}}
            free: {t: {width: 10, layers: []}}
            inner: {count: 9, default: nine}
            """;

    @Test
    void everyComponentTypeIsRead() throws Exception {
        Everything e = read(ALL);
        assertThat(problems).isEmpty();
        assertThat(e).isEqualTo(new Everything(7, 5_000_000_000L, 0.25, true, 3, null, 1.5, "hello", Path.of("./data"),
                StorageKind.S3, List.of("a", "b"),
                Map.of("x", new Inner(1, "one"), "y", new Inner(2, null)),
                Map.of("t", tree("{width: 10, layers: []}")), new Inner(9, "nine")));
        assertThat(e.inners().keySet()).containsExactly("x", "y");
    }

    @Test
    void numbersAndSwitchesWrittenAsTextAreRead() throws Exception {
        Everything e = read(ALL.replace("i: 7", "i: \"8080\"").replace("d: 0.25", "d: '0.5'")
                .replace("b: true", "b: 'false'").replace("text: hello", "text: 42"));
        assertThat(problems).isEmpty();
        assertThat(e).extracting(Everything::i, Everything::d, Everything::b, Everything::text)
                .containsExactly(8080, 0.5, false, "42");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "i: eighty          | i: must be a whole number, not 'eighty'",
            "i: 80.5            | i: must be a whole number, not '80.5'",
            "i: 3000000000      | i: must be a whole number from -2147483648 to 2147483647, not '3000000000'",
            "i: null            | i: must be a whole number",
            "d: lots            | d: must be a number, not 'lots'",
            "b: maybe           | b: must be true or false, not 'maybe'",
            "text: [a]          | text: must be text, not a list",
            "path: {a: 1}       | path: must be a path, not a mapping",
            "list: a            | list: must be a list, not 'a'",
            "list: [a, null]    | list[1]: must not be empty",
            "inner: 5           | inner: must be a mapping, not '5'",
            "inner: null        | inner: must be a mapping",
            "inner: {count: []} | inner.count: must be a whole number, not a list",
            "inners: {x: {count: x}} | inners.x.count: must be a whole number, not 'x'",
    })
    void aValueOfTheWrongTypeIsOneLineByItsKey(String line, String problem) throws Exception {
        String key = line.substring(0, line.indexOf(':'));
        read(ALL.replaceFirst("(?m)^" + key + ": .*$", line));
        assertThat(problems).containsExactly(problem);
        assertThat(binder.allRead()).isFalse();
    }

    @Test
    void anUnknownEnumValueIsNamedWithTheChoicesAndReadAsNull() throws Exception {
        Everything e = read(ALL.replace("kind: s3", "kind: ftp"));
        assertThat(problems).containsExactly("kind: must be fs, s3 or mirror, not 'ftp'");
        assertThat(e.kind()).isNull();
        assertThat(binder.allRead()).as("the validator may still read the rest").isTrue();
    }

    @Test
    void everyBadValueIsListedNotOnlyTheFirst() throws Exception {
        read(ALL.replace("i: 7", "i: x").replace("b: true", "b: 2").replace("kind: s3", "kind: tape"));
        assertThat(problems).containsExactly("i: must be a whole number, not 'x'", "b: must be true or false, not '2'",
                "kind: must be fs, s3 or mirror, not 'tape'");
    }

    @Test
    void anUnknownKeyInsideAFreeFormEntryIsRefusedByName() throws Exception {
        read(ALL.replace("y: {count: 2}", "y: {count: 2, colour: red}"));
        assertThat(problems).containsExactly("inners.y.colour: unknown setting");
    }

    @Test
    void theQuotasDefaultKeyAndFreeFormTenantsAreReadThroughTheLoader(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("t.yaml"), """
                security:
                  quotas:
                    default: {storageMb: 5}
                    tenants: {acme: {uploadsPerMinute: 2.5, renderShare: 3}}
                remote: {originShare: 0.5}
                """);
        TesseraConfig c = ConfigLoader.load(file, Map.of(), 2);
        assertThat(c.security().quotas().defaults()).isEqualTo(new TesseraConfig.Quota(0.0, 5L, 1));
        assertThat(c.security().quotas().tenants())
                .containsExactly(Map.entry("acme", new TesseraConfig.Quota(2.5, 0L, 3)));
        assertThat(c.remote().originShare()).isEqualTo(0.5);
    }
}
