package dev.tessera.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Random queries either parse or fail with an OptionsException: no other exception, ever. */
class RobustnessTest {
    private static final List<String> NAMES = List.of("w", "h", "dpr", "fit", "g", "enlarge", "crop", "rot", "flip",
            "blur", "sharpen", "bg", "fm", "q", "anim", "preset", "sig", "url", "W", "", " w", "wé", "fm\u0000");
    private static final List<String> VALUES = List.of("", "0", "1", "2", "90", "100", "8192", "8193", "1.5", ".5",
            "-1", "+5", "1e3", "NaN", "Infinity", "-0", "0x10", "9".repeat(400), "1" + "0".repeat(30), "2147483648",
            "cover", "smart", "fp:0.5,0.5", "fp:", "fp:1,1,1", "fp:NaN,1", "0,0,10,10", "0,0,0,0", ",,,", "h", "hv",
            "ffffff", "FFFFFF00", "#fff", "jpeg", "jpg", "auto", "heic", "thumb", "nope", "\u00e9\u00e8", "\uD83D\uDE00",
            "\u0663", "\uFF18", " 1", "1 ", "\t", "%20", "&", "=", "null");
    private static final OptionsParser PARSER = new OptionsParser(Map.of("thumb", "w=150&h=150&fit=cover&g=smart"));

    @Test
    void randomQueriesParseOrFailCleanly() {
        Random random = new Random(20240601);
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            Map<String, List<String>> query = randomQuery(random);
            try {
                RenderOptions options = PARSER.parse(query, Set.of("url"));
                assertThat(Queries.query(options.canonical()).keySet()).as("keys of the canonical form")
                        .containsExactlyElementsOf(Params.KEYED.stream().map(Param::name).toList());
                parsed++;
            } catch (OptionsException e) {
                assertThat(e.getMessage()).isNotBlank();
                refused++;
            }
        }
        assertThat(parsed).as("some random queries are valid").isPositive();
        assertThat(refused).as("some random queries are invalid").isPositive();
    }

    private static Map<String, List<String>> randomQuery(Random random) {
        Map<String, List<String>> query = new HashMap<>();
        int params = random.nextInt(5);
        for (int p = 0; p < params; p++) {
            String name = random.nextInt(10) == 0 ? randomText(random) : pick(random, NAMES);
            List<String> values = new ArrayList<>();
            int count = random.nextInt(12) == 0 ? random.nextInt(3) : 1; // sometimes none or repeated
            for (int v = 0; v < count; v++) values.add(randomValue(random));
            query.put(name, values);
        }
        return query;
    }

    private static String randomValue(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> randomText(random);
            case 1 -> Long.toString(random.nextLong() % 20_000);
            case 2 -> Double.toString(random.nextDouble() * 10);
            default -> pick(random, VALUES);
        };
    }

    /** Up to 12 code points from ASCII, Latin, digits of other scripts, surrogates and emoji. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(13);
        for (int i = 0; i < length; i++) {
            int bound = switch (random.nextInt(3)) {
                case 0 -> 0x80;
                case 1 -> 0x3000;
                default -> 0x10FFFF;
            };
            text.appendCodePoint(random.nextInt(bound));
        }
        return text.toString();
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
