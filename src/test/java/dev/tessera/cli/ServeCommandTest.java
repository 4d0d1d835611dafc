package dev.tessera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.config.ConfigLoader;
import dev.tessera.config.TesseraConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tessera serve} with a bad configuration: one line per problem, exit 2, no stack trace, nothing started. */
class ServeCommandTest {
    @Test
    void aBadConfigurationExitsWithStatusTwoAndOneLinePerProblem() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("TESSERA_SIGNING_KEYS", ",", "TESSERA_RENDER_THREADS", "1000",
                "TESSERA_API_KEYS", "a:k,b:k", "TESSERA_PORT", "0", "TESSERA_HOST", "127.0.0.1");
        int status = new CommandLine(new ServeCommand(env, new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute();
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("tessera: config: "))
                .anySatisfy(line -> assertThat(line).startsWith("tessera: config: security.signingKeys: "))
                .anySatisfy(line -> assertThat(line).startsWith("tessera: config: render.threads: "))
                .anySatisfy(line -> assertThat(line).isEqualTo(
                        "tessera: config: security.apiKeys: tenants a and b have the same key"));
    }

    @Test
    void theStartupLineStatesTheSecurityMode() {
        TesseraConfig cfg = ConfigLoader.load(null, Map.of("TESSERA_SIGNING_KEYS", "k", "TESSERA_API_KEYS", "a:1"));
        assertThat(ServeCommand.startupLine(cfg, 8080, "8.14.1")).startsWith("tessera listening on http://0.0.0.0:8080 ")
                .endsWith("; signing on (1 key), writes with API keys (1 tenant), remote allow-private off)");
    }
}
