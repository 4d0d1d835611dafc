package dev.tessera.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Defaults, then the YAML file, then TESSERA_* variables; mistakes are refused by name. */
class ConfigLoaderTest {
    @TempDir Path dir;

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("tessera.yaml"), text);
    }

    @Test
    void defaultsNeedNoFileAndNoEnvironment() {
        TesseraConfig c = ConfigLoader.load(null, Map.of());
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.storage().kind()).isEqualTo(StorageKind.FS);
        assertThat(c.storage().dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.security().signingKeys()).isEmpty();
        assertThat(c.security().apiKeys()).isEmpty();
        assertThat(c.remote().allowHosts()).isEmpty();
        assertThat(c.remote().allowPrivate()).isFalse();
        assertThat(c.limits().maxUploadBytes()).isEqualTo(52_428_800L);
        assertThat(c.limits().maxPixels()).isEqualTo(100_000_000L);
        assertThat(c.cache().memoryMb()).isEqualTo(256);
        assertThat(c.presets()).isEmpty();
    }

    @Test
    void yamlOverridesDefaultsAndKeepsTheRest() throws IOException {
        TesseraConfig c = ConfigLoader.load(yaml("""
                port: 9090
                limits:
                  maxPixels: 1000
                security:
                  apiKeys: ["acme:k1"]
                presets:
                  thumb: "w=50&h=50"
                """), Map.of());
        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.limits().maxPixels()).isEqualTo(1000);
        assertThat(c.limits().maxUploadBytes()).as("a sibling keeps its default").isEqualTo(52_428_800L);
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.security().apiKeys()).containsExactly("acme:k1");
        assertThat(c.presets()).containsExactly(Map.entry("thumb", "w=50&h=50"));
    }

    @Test
    void emptyYamlIsTheDefaults() throws IOException {
        assertThat(ConfigLoader.load(yaml(""), Map.of())).isEqualTo(ConfigLoader.load(null, Map.of()));
    }

    @Test
    void environmentOverridesYaml() throws IOException {
        Path file = yaml("port: 9090\nhost: 10.0.0.1\nlimits:\n  maxUploadBytes: 10\n");
        TesseraConfig c = ConfigLoader.load(file, Map.of("TESSERA_PORT", "7070",
                "TESSERA_MAX_UPLOAD_BYTES", " 2048 ", "TESSERA_API_KEYS", "a:1, b:2",
                "TESSERA_REMOTE_ALLOW_PRIVATE", "true", "TESSERA_DATA_DIR", "/srv/tessera",
                "UNRELATED", "x"));
        assertThat(c.port()).isEqualTo(7070);
        assertThat(c.host()).as("not overridden").isEqualTo("10.0.0.1");
        assertThat(c.limits().maxUploadBytes()).isEqualTo(2048);
        assertThat(c.security().apiKeys()).containsExactly("a:1", "b:2");
        assertThat(c.remote().allowPrivate()).isTrue();
        assertThat(c.storage().dataDir()).isEqualTo(Path.of("/srv/tessera"));
    }

    @Test
    void everyContractVariableIsRead() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("TESSERA_HOST", "127.0.0.1"), Map.entry("TESSERA_PORT", "1234"),
                Map.entry("TESSERA_STORAGE", "s3"), Map.entry("TESSERA_DATA_DIR", "/d"),
                Map.entry("TESSERA_S3_ENDPOINT", "http://s3"), Map.entry("TESSERA_S3_BUCKET", "b"),
                Map.entry("TESSERA_S3_REGION", "r"), Map.entry("TESSERA_S3_ACCESS_KEY", "ak"),
                Map.entry("TESSERA_S3_SECRET_KEY", "sk"), Map.entry("TESSERA_S3_PATH_STYLE", "true"),
                Map.entry("TESSERA_SIGNING_KEYS", "k1,k2"), Map.entry("TESSERA_API_KEYS", "t:k"),
                Map.entry("TESSERA_REMOTE_ALLOW_HOSTS", "*.example.com"),
                Map.entry("TESSERA_REMOTE_ALLOW_PRIVATE", "true"), Map.entry("TESSERA_MAX_UPLOAD_BYTES", "5"),
                Map.entry("TESSERA_MAX_PIXELS", "6"), Map.entry("TESSERA_MEMORY_CACHE_MB", "7"));
        TesseraConfig c = ConfigLoader.load(null, env);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(1234);
        assertThat(c.storage().kind()).isEqualTo(StorageKind.S3);
        assertThat(c.storage().dataDir()).isEqualTo(Path.of("/d"));
        assertThat(c.storage().s3()).extracting("endpoint", "bucket", "region", "accessKey", "secretKey", "pathStyle")
                .containsExactly("http://s3", "b", "r", "ak", "sk", true);
        assertThat(c.security().signingKeys()).isEqualTo(List.of("k1", "k2"));
        assertThat(c.security().apiKeys()).isEqualTo(List.of("t:k"));
        assertThat(c.remote().allowHosts()).isEqualTo(List.of("*.example.com"));
        assertThat(c.remote().allowPrivate()).isTrue();
        assertThat(c.limits().maxUploadBytes()).isEqualTo(5);
        assertThat(c.limits().maxPixels()).isEqualTo(6);
        assertThat(c.cache().memoryMb()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "colour: red                   | colour",
            "limits: {maxPixles: 5}        | limits.maxPixles",
            "storage: {s3: {bukket: x}}    | storage.s3.bukket",
    })
    void unknownYamlKeyIsRefusedByName(String text, String name) throws IOException {
        Path file = yaml(text);
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }

    @Test
    void wrongYamlTypeIsRefused() throws IOException {
        Path file = yaml("port: eighty\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    }

    @Test
    void everyBadYamlValueIsNamedOnceByItsKey() throws IOException {
        Path file = yaml("port: eighty\nlimits: {maxFrames: many}\nstorage: {kind: ftp}\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertThat(e.problems()).containsExactlyInAnyOrder("port: must be a whole number, not 'eighty'",
                "limits.maxFrames: must be a whole number, not 'many'", "storage.kind: must be fs, s3 or mirror, not 'ftp'");
    }

    @Test
    void anUnknownKeyOfATenantQuotaIsRefusedByName() throws IOException {
        Path file = yaml("security: {quotas: {tenants: {acme: {storagMb: 5}}}}\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertThat(e.problems()).containsExactly("security.quotas.tenants.acme.storagMb: unknown setting");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"TESSERA_PORT, abc", "TESSERA_PORT, 80.5", "TESSERA_MAX_UPLOAD_BYTES, 10MB",
            "TESSERA_MAX_PIXELS, ''", "TESSERA_REMOTE_ALLOW_PRIVATE, yes"})
    void badEnvironmentValueIsRefusedByName(String name, String value) {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(name, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }
}
