package dev.tessera.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tessera.config.ConfigLoader;
import dev.tessera.config.TesseraConfig;
import dev.tessera.server.TesseraServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/k8s/: the manifests parse, agree with each other (labels, names, ports), the stop sequence fits in the
 * grace period, the ConfigMap is a valid configuration, and the probe paths answer on a started server.
 */
class K8sManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DIR = Path.of("deploy/k8s");

    @Test
    void theDeploymentRollsOneAtATimeAndItsStopFitsInTheGracePeriod() throws Exception {
        JsonNode d = manifest("deployment.yaml").getFirst();
        assertThat(d.path("kind").asText()).isEqualTo("Deployment");
        assertThat(d.at("/spec/strategy/rollingUpdate/maxSurge").asInt()).isEqualTo(1);
        assertThat(d.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
        JsonNode container = d.at("/spec/template/spec/containers/0");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health");

        TesseraConfig config = ConfigLoader.load(null, configMapEnv());
        long preStopMs = container.at("/lifecycle/preStop/sleep/seconds").asLong() * 1000;
        assertThat(preStopMs).as("preStop matches the drain delay").isEqualTo(config.cluster().drainDelayMs());
        long stopMs = preStopMs + config.cluster().drainDelayMs() + config.render().maxWaitMs()
                + config.limits().renderTimeoutMs();
        assertThat(d.at("/spec/template/spec/terminationGracePeriodSeconds").asLong() * 1000).isGreaterThan(stopMs);

        // the memory caches should leave the requests 64 MB of the heap; the JVM reports ~20 MB under -Xmx
        Matcher xmx = Pattern.compile("-Xmx(\\d+)m").matcher(configMapEnv().get("TESSERA_JAVA_OPTS"));
        assertThat(xmx.find()).as("the ConfigMap sets the heap").isTrue();
        long cachesMb = config.cache().memoryMb() + config.templates().imageCacheMb() + 8;
        assertThat(Long.parseLong(xmx.group(1)) - 32 - 64).as("heap for the caches").isGreaterThanOrEqualTo(cachesMb);
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(config.port());
    }

    @Test
    void theOtherManifestsSelectTheDeploymentsPods() throws Exception {
        JsonNode d = manifest("deployment.yaml").getFirst();
        JsonNode labels = d.at("/spec/template/metadata/labels");
        assertThat(d.at("/spec/selector/matchLabels")).isEqualTo(labels);
        JsonNode pdb = manifest("pdb.yaml").getFirst();
        assertThat(pdb.path("kind").asText()).isEqualTo("PodDisruptionBudget");
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(labels);
        assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        for (JsonNode service : manifest("service.yaml")) {
            assertThat(service.path("kind").asText()).isEqualTo("Service");
            assertThat(service.at("/spec/selector")).isEqualTo(labels);
            assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
        }
        JsonNode hpa = manifest("hpa.yaml").getFirst();
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(d.at("/metadata/name").asText());
        assertThat(hpa.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(d.at("/spec/template/spec/containers/0/envFrom/0/configMapRef/name").asText())
                .isEqualTo(manifest("configmap.yaml").getFirst().at("/metadata/name").asText());
    }

    @Test
    void theProbePathsAnswerOnAServerConfiguredByTheConfigMap(@TempDir Path data) throws Exception {
        Map<String, String> env = configMapEnv();
        env.putAll(Map.of("TESSERA_STORAGE", "fs", "TESSERA_DATA_DIR", data.toString(), "TESSERA_PORT", "0",
                "TESSERA_HOST", "127.0.0.1", "TESSERA_NODE_ID", "tessera-abc12"));
        JsonNode container = manifest("deployment.yaml").getFirst().at("/spec/template/spec/containers/0");
        HttpClient http = HttpClient.newHttpClient();
        try (TesseraServer server = TesseraServer.start(ConfigLoader.load(null, env))) {
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                String path = container.at("/" + probe + "/httpGet/path").asText();
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(), BodyHandlers.ofString());
                assertThat(r.statusCode()).as(probe + " " + path).isEqualTo(200);
                assertThat(r.headers().firstValue("X-Served-By")).hasValue("tessera-abc12");
            }
        }
    }

    /** The ConfigMap's data plus the Secret's keys, as the pod's environment. */
    private static Map<String, String> configMapEnv() throws Exception {
        Map<String, String> env = new HashMap<>();
        manifest("configmap.yaml").getFirst().path("data").properties()
                .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        env.put("TESSERA_S3_ACCESS_KEY", "from-the-secret");
        env.put("TESSERA_S3_SECRET_KEY", "from-the-secret");
        return env;
    }

    private static List<JsonNode> manifest(String name) throws Exception {
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(DIR.resolve(name).toFile())) {
            return docs.readAll();
        }
    }
}
