package dev.tessera.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A configuration that would start a useless or silently unsafe service is refused, every problem named. */
class ConfigValidationTest {
    private static final int CORES = 2;

    private static List<String> problems(Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(null, env, CORES));
        assertThat(e).as("refused: %s", env).isNotNull();
        return e.problems();
    }

    @ParameterizedTest(name = "TESSERA_SIGNING_KEYS=''{0}''")
    @CsvSource(delimiter = '|', value = {"','", "' '", "''", "'k1,'", "'k1, ,k2'"})
    void aBlankSigningKeyIsRefusedNotDropped(String value) {
        assertThat(problems(Map.of("TESSERA_SIGNING_KEYS", value)))
                .anySatisfy(p -> assertThat(p).startsWith("security.signingKeys: ").contains("empty"));
    }

    @Test
    void signingKeysThatAreAllThereAreKept() {
        TesseraConfig c = ConfigLoader.load(null, Map.of("TESSERA_SIGNING_KEYS", " k1 , k2 "), CORES);
        assertThat(c.security().signingKeys()).containsExactly("k1", "k2");
    }

    @Test
    void oneApiKeyForTwoTenantsIsRefused() {
        assertThat(problems(Map.of("TESSERA_API_KEYS", "a:same,b:same")))
                .containsExactly("security.apiKeys: tenants a and b have the same key");
    }

    @ParameterizedTest(name = "TESSERA_API_KEYS=''{0}''")
    @CsvSource(delimiter = '|', value = {"','", "'nocolon'", "':key'", "'tenant:'", "'a:1,'"})
    void aMalformedApiKeyIsRefused(String value) {
        assertThat(problems(Map.of("TESSERA_API_KEYS", value))).anySatisfy(p -> assertThat(p)
                .startsWith("security.apiKeys: entry ").endsWith("is not a tenant:key pair"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"TESSERA_MAX_UPLOAD_BYTES, 0, limits.maxUploadBytes", "TESSERA_MAX_PIXELS, -1, limits.maxPixels",
            "TESSERA_MAX_FRAMES, 0, limits.maxFrames", "TESSERA_RENDER_QUEUE, 0, render.queue",
            "TESSERA_RENDER_QUEUE, -5, render.queue", "TESSERA_RENDER_TIMEOUT_MS, 0, limits.renderTimeoutMs",
            "TESSERA_RENDER_THREADS, -1, render.threads", "TESSERA_RENDER_THREADS, 1000, render.threads",
            "TESSERA_RENDER_THREADS, 9, render.threads", "TESSERA_MEMORY_CACHE_MB, -1, cache.memoryMb",
            "TESSERA_PORT, 70000, port", "TESSERA_STORAGE, ftp, storage.kind",
            "TESSERA_NOT_FOUND_MAX_AGE, -1, cache.notFoundMaxAgeSeconds",
            "TESSERA_FAILURE_CACHE_SECONDS, -1, cache.failureTtlSeconds", "TESSERA_RENDER_MEMORY_MB, -1, render.memoryMb"})
    void aUselessLimitIsRefusedByKey(String name, String value, String key) {
        assertThat(problems(Map.of(name, value))).singleElement().satisfies(p -> assertThat(p).startsWith(key + ": "));
    }

    @Test
    void renderThreadsUpToFourPerCoreAreAccepted() {
        assertThat(ConfigLoader.load(null, Map.of("TESSERA_RENDER_THREADS", "8"), CORES).render().threads()).isEqualTo(8);
        assertThat(problems(Map.of("TESSERA_RENDER_THREADS", "257")).getFirst()).contains("at most 256");
        assertThat(ConfigLoader.load(null, Map.of("TESSERA_RENDER_THREADS", "256"), 64).render().threads())
                .isEqualTo(256);
    }

    @Test
    void everyProblemIsListedOnce() {
        assertThat(problems(Map.of("TESSERA_SIGNING_KEYS", ",", "TESSERA_MAX_UPLOAD_BYTES", "0",
                "TESSERA_RENDER_THREADS", "1000", "TESSERA_PORT", "abc", "TESSERA_API_KEYS", "a:k,b:k")))
                .hasSize(5).anySatisfy(p -> assertThat(p).startsWith("TESSERA_PORT: must be a whole number"));
    }

    @Test
    void theDefaultsAreValid() {
        assertThat(ConfigLoader.load(null, Map.of(), 1).cache().notFoundMaxAgeSeconds()).isEqualTo(60);
    }

    @Test
    void theSecurityModeNamesSigningWritersAndPrivateRemotes() {
        assertThat(ConfigLoader.load(null, Map.of(), CORES).securityMode()).isEqualTo(
                "signing off (unsigned URLs served), writes from loopback only (no API keys), remote allow-private off");
        assertThat(ConfigLoader.load(null, Map.of("TESSERA_SIGNING_KEYS", "k1,k2", "TESSERA_API_KEYS", "a:1,a:2,b:3",
                "TESSERA_REMOTE_ALLOW_PRIVATE", "true"), CORES).securityMode()).isEqualTo(
                "signing on (2 keys), writes with API keys (2 tenants), remote allow-private ON");
    }

    @Test
    void anUnknownStorageKindIsNamedAndTheOtherProblemsStillListed() {
        assertThat(problems(Map.of("TESSERA_STORAGE", "ftp", "TESSERA_MAX_FRAMES", "0"))).containsExactlyInAnyOrder(
                "storage.kind: must be fs, s3 or mirror, not 'ftp'", "limits.maxFrames: must be more than 0, not 0");
    }

    @Test
    void anS3AccessKeyWithoutItsSecretIsRefusedAtLoad() {
        assertThat(problems(Map.of("TESSERA_STORAGE", "s3", "TESSERA_S3_BUCKET", "b", "TESSERA_S3_ACCESS_KEY", "ak")))
                .containsExactly("storage.s3.secretKey: must be set with an accessKey");
    }

    @Test
    void aMirrorSideIsFsOrS3(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("t.yaml"),
                "storage: {kind: mirror, mirror: {primary: {kind: mirror}, secondary: {kind: tape}}}\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), 2));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "storage.mirror.primary.kind: must be fs or s3, not 'mirror'",
                "storage.mirror.secondary.kind: must be fs, s3 or mirror, not 'tape'");
    }

    @Test
    void aMirrorNeedsAKnownAckMode() {
        assertThat(problems(Map.of("TESSERA_STORAGE", "mirror", "TESSERA_MIRROR_ACK", "sometimes")))
                .singleElement().satisfies(p -> assertThat(p).startsWith("storage.mirror.ack: "));
    }

    @ParameterizedTest(name = "TESSERA_REMOTE_ALLOW_HOSTS=''{0}''")
    @CsvSource(delimiter = '|', value = {"'*example.com'", "'ok.example,ex*.com'", "'http://example.com'",
            "'user@example.com'", "'*.127.0.0.1'"})
    void aMalformedHostPatternIsRefused(String value) {
        assertThat(problems(Map.of("TESSERA_REMOTE_ALLOW_HOSTS", value)))
                .singleElement()
                .satisfies(p -> assertThat(p).startsWith("remote.allowHosts: '").contains("host pattern"));
    }

    @Test
    void hostPatternsThatAreAllRightAreKept() {
        TesseraConfig c = ConfigLoader.load(null,
                Map.of("TESSERA_REMOTE_ALLOW_HOSTS", "*.Example.com, cdn.bücher.example."), CORES);
        assertThat(c.remote().allowHosts()).containsExactly("*.Example.com", "cdn.bücher.example.");
    }
}
