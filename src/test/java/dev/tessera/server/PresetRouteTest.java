package dev.tessera.server;

import static dev.tessera.server.Api.assertParamError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** preset= from a YAML config file; explicit params override it. */
class PresetRouteTest {
    @TempDir static Path data;
    static TestServer server;
    static String quadrants;

    @BeforeAll
    static void start() throws IOException {
        Path config = Files.writeString(data.resolve("tessera.yaml"), """
                presets:
                  thumb: "w=50&h=50&fit=cover"
                  west: "w=100&h=100&g=west&fm=png"
                """);
        server = TestServer.start(data.resolve("store"), config);
        quadrants = server.store(Images.quadrantsPng());
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "preset=thumb                  | 50  | 50",
            "preset=thumb&w=80             | 80  | 50",
            "w=80&preset=thumb             | 80  | 50",
            "preset=thumb&fit=inside       | 50  | 25",
            "preset=thumb&dpr=2            | 100 | 100",
            "preset=west                   | 100 | 100",
    })
    void presetThenOverrides(String query, int width, int height) {
        server.picture(quadrants, query).assertSize(width, height);
    }

    @Test
    void presetValuesApply() {
        server.picture(quadrants, "preset=west").assertQuadrants("red red blue blue");
        server.picture(quadrants, "preset=west&g=east").assertQuadrants("green green white white");
    }

    @Test
    void unknownPresetIs400() {
        assertParamError(server.get("/images/" + quadrants + "?preset=nope"), "preset");
    }
}
