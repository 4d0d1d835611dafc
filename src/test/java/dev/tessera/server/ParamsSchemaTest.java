package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /params.json}, the one schema of the transform parameters: complete, and matching the docs' table
 * (the browser test checks that the playground has a control for each).
 */
class ParamsSchemaTest {
    private static final Set<String> TYPES = Set.of("integer", "number", "enum", "boolean", "text");
    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(data);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static List<JsonNode> params() {
        List<JsonNode> params = new ArrayList<>();
        server.get("/params.json").json().get("params").forEach(params::add);
        return params;
    }

    @Test
    void everyParameterHasATypeTheControlsKnowADescriptionAndItsBounds() {
        List<JsonNode> params = params();

        assertThat(params).extracting(p -> p.get("name").asText())
                .containsExactly("w", "h", "dpr", "fit", "g", "enlarge", "crop", "rot", "flip", "blur", "sharpen",
                        "bg", "fm", "q", "anim", "preset");
        for (JsonNode p : params) {
            assertThat(p.get("type").asText()).as(p.toString()).isIn(TYPES);
            assertThat(p.get("description").asText()).as(p.toString()).hasSizeGreaterThan(10);
            if (Set.of("integer", "number").contains(p.get("type").asText())) {
                assertThat(p.get("min").isNumber() && p.get("max").isNumber()).as(p.toString()).isTrue();
            }
            if (Set.of("enum", "boolean").contains(p.get("type").asText()) && !p.get("name").asText().equals("preset")) {
                assertThat(p.get("values").size()).as(p.toString()).isPositive();
            }
        }
        JsonNode w = params.getFirst();
        assertThat(w.get("min").asInt()).isEqualTo(1);
        assertThat(w.get("max").asInt()).isEqualTo(8192);
        assertThat(params.get(4).get("format").asText()).isEqualTo("fp:X,Y");
        assertThat(params.get(12).get("values")).extracting(JsonNode::asText).contains("webp", "avif", "auto");
        assertThat(params.get(14).get("type").asText()).isEqualTo("boolean");
        assertThat(params.get(14).get("defaultValue").asText()).isEqualTo("1");
    }

    @Test
    void docsParameterTableHasARowForEachParameterAndNoOther() throws Exception {
        Set<String> documented = documentedParams(Path.of("docs/api.md"));
        Set<String> served = new LinkedHashSet<>();
        params().forEach(p -> served.add(p.get("name").asText()));
        served.add("sig"); // the signature: a URL parameter, no control of the playground

        assertThat(documented).as("rows of docs/api.md's 'Transform parameters' table")
                .containsExactlyInAnyOrderElementsOf(served);
    }

    /** The backquoted names in the first column of the table under {@code ## Transform parameters}. */
    private static Set<String> documentedParams(Path doc) throws Exception {
        String text = Files.readString(doc);
        int start = text.indexOf("## Transform parameters");
        assertThat(start).as("a 'Transform parameters' section in " + doc).isNotNegative();
        Set<String> names = new LinkedHashSet<>();
        Pattern name = Pattern.compile("`([a-z]+)`");
        for (String line : text.substring(start).lines().skip(1).toList()) {
            if (line.startsWith("## ")) break;
            if (!line.startsWith("| `")) continue;
            Matcher m = name.matcher(line.split("\\|")[1]);
            while (m.find()) names.add(m.group(1));
        }
        return names;
    }
}
