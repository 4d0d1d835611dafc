package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /ready's body, written without Jackson, is the JSON Jackson wrote for it. */
class ReadyBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneStore() throws IOException {
        assertSameJson(Map.of("store", true));
    }

    @Test
    void aMirrorInItsOrder() throws IOException {
        Map<String, Boolean> stores = new LinkedHashMap<>();
        stores.put("primary", true);
        stores.put("secondary", false);
        assertSameJson(stores);
        assertThat(SystemRoutes.readyBody(stores))
                .isEqualTo("{\"status\":\"ready\",\"stores\":{\"primary\":true,\"secondary\":false}}");
    }

    private static void assertSameJson(Map<String, Boolean> stores) throws IOException {
        assertThat(JSON.readTree(SystemRoutes.readyBody(stores)))
                .isEqualTo(JSON.valueToTree(Map.of("status", "ready", "stores", stores)));
    }
}
