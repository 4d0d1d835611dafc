package dev.tessera.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the configuration: embedded defaults, then the YAML file, then environment variables. */
public final class ConfigLoader {
    /** Jackson's YAML mapper, made only when a file is given (the defaults are read without it). */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    }

    /** LIST drops empty entries; KEYS keeps them, so validation refuses a blank key instead of dropping it. */
    private enum Kind { TEXT, NUMBER, BOOL, LIST, KEYS }

    private record EnvVar(String path, Kind kind) {}

    /** The environment variables of the contract (API.md, Configuration) and a few of our own. */
    private static final Map<String, EnvVar> ENV = Map.ofEntries(
            Map.entry("TESSERA_HOST", new EnvVar("host", Kind.TEXT)),
            Map.entry("TESSERA_PORT", new EnvVar("port", Kind.NUMBER)),
            Map.entry("TESSERA_STORAGE", new EnvVar("storage.kind", Kind.TEXT)),
            Map.entry("TESSERA_DATA_DIR", new EnvVar("storage.dataDir", Kind.TEXT)),
            Map.entry("TESSERA_S3_ENDPOINT", new EnvVar("storage.s3.endpoint", Kind.TEXT)),
            Map.entry("TESSERA_S3_BUCKET", new EnvVar("storage.s3.bucket", Kind.TEXT)),
            Map.entry("TESSERA_S3_REGION", new EnvVar("storage.s3.region", Kind.TEXT)),
            Map.entry("TESSERA_S3_ACCESS_KEY", new EnvVar("storage.s3.accessKey", Kind.TEXT)),
            Map.entry("TESSERA_S3_SECRET_KEY", new EnvVar("storage.s3.secretKey", Kind.TEXT)),
            Map.entry("TESSERA_S3_PATH_STYLE", new EnvVar("storage.s3.pathStyle", Kind.BOOL)),
            Map.entry("TESSERA_MIRROR_ACK", new EnvVar("storage.mirror.ack", Kind.TEXT)),
            Map.entry("TESSERA_SIGNING_KEYS", new EnvVar("security.signingKeys", Kind.KEYS)),
            Map.entry("TESSERA_API_KEYS", new EnvVar("security.apiKeys", Kind.KEYS)),
            Map.entry("TESSERA_REMOTE_ALLOW_HOSTS", new EnvVar("remote.allowHosts", Kind.LIST)),
            Map.entry("TESSERA_REMOTE_ALLOW_PRIVATE", new EnvVar("remote.allowPrivate", Kind.BOOL)),
            Map.entry("TESSERA_REMOTE_MAX_BYTES", new EnvVar("remote.maxBytes", Kind.NUMBER)),
            Map.entry("TESSERA_REMOTE_TIMEOUT_MS", new EnvVar("remote.totalTimeoutMs", Kind.NUMBER)),
            Map.entry("TESSERA_REMOTE_CACHE_MB", new EnvVar("remote.cacheMb", Kind.NUMBER)),
            Map.entry("TESSERA_MAX_UPLOAD_BYTES", new EnvVar("limits.maxUploadBytes", Kind.NUMBER)),
            Map.entry("TESSERA_MAX_PIXELS", new EnvVar("limits.maxPixels", Kind.NUMBER)),
            Map.entry("TESSERA_MAX_FRAMES", new EnvVar("limits.maxFrames", Kind.NUMBER)),
            Map.entry("TESSERA_MEMORY_CACHE_MB", new EnvVar("cache.memoryMb", Kind.NUMBER)),
            Map.entry("TESSERA_STORE_CACHE_MB", new EnvVar("cache.storeMaxMb", Kind.NUMBER)),
            Map.entry("TESSERA_TEMPLATES_IMAGE_CACHE_MB", new EnvVar("templates.imageCacheMb", Kind.NUMBER)),
            Map.entry("TESSERA_TEMPLATES_PNG_COMPRESSION", new EnvVar("templates.pngCompression", Kind.NUMBER)),
            Map.entry("TESSERA_FAILURE_CACHE_SECONDS", new EnvVar("cache.failureTtlSeconds", Kind.NUMBER)),
            Map.entry("TESSERA_RENDER_THREADS", new EnvVar("render.threads", Kind.NUMBER)),
            Map.entry("TESSERA_RENDER_QUEUE", new EnvVar("render.queue", Kind.NUMBER)),
            Map.entry("TESSERA_RENDER_MEMORY_MB", new EnvVar("render.memoryMb", Kind.NUMBER)),
            Map.entry("TESSERA_RENDER_TIMEOUT_MS", new EnvVar("limits.renderTimeoutMs", Kind.NUMBER)),
            Map.entry("TESSERA_NOT_FOUND_MAX_AGE", new EnvVar("cache.notFoundMaxAgeSeconds", Kind.NUMBER)),
            Map.entry("TESSERA_ACCESS_LOG", new EnvVar("log.access", Kind.BOOL)),
            Map.entry("TESSERA_NODE_ID", new EnvVar("cluster.nodeId", Kind.TEXT)),
            Map.entry("TESSERA_DRAIN_DELAY_MS", new EnvVar("cluster.drainDelayMs", Kind.NUMBER)),
            Map.entry("TESSERA_GENERATION_CHECK_MS", new EnvVar("cluster.generationCheckMs", Kind.NUMBER)));

    private ConfigLoader() {}

    /** Loads {@code file} (may be null) over the defaults, then applies {@code env}, then validates. */
    public static TesseraConfig load(Path file, Map<String, String> env) {
        return load(file, env, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #load(Path, Map)}, validated for a machine of {@code cores}; a {@link ConfigException} lists every problem. */
    static TesseraConfig load(Path file, Map<String, String> env, int cores) {
        List<String> problems = new ArrayList<>();
        ObjectNode tree;
        try {
            tree = DefaultsReader.read(defaultsText());
            if (file != null) {
                JsonNode user = Yaml.MAPPER.readTree(Files.readAllBytes(file));
                if (user != null && !user.isMissingNode() && !user.isNull()) merge(tree, user, "", problems);
            }
        } catch (IOException e) {
            throw new ConfigException(List.of(String.valueOf(file) + ": cannot be read: " + firstLine(e)));
        }
        new TreeMap<>(env).forEach((name, value) -> {
            EnvVar v = ENV.get(name);
            if (v != null) set(tree, v, name, value.strip(), problems);
        });
        ConfigBinder binder = new ConfigBinder(problems);
        TesseraConfig config = binder.bind(tree);
        if (binder.allRead()) problems.addAll(unreported(ConfigValidator.problems(config, cores), problems));
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return config;
    }

    /** The embedded defaults, tessera-defaults.yaml. */
    static String defaultsText() throws IOException {
        try (InputStream defaults = ConfigLoader.class.getResourceAsStream("/tessera-defaults.yaml")) {
            return new String(defaults.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
    }

    /** The validator's problems whose key has no problem in {@code reported} yet: one line per bad value. */
    private static List<String> unreported(List<String> found, List<String> reported) {
        List<String> keys = reported.stream().map(ConfigLoader::keyOf).toList();
        List<String> rest = new ArrayList<>(found);
        rest.removeIf(p -> keys.contains(keyOf(p)));
        return rest;
    }

    private static String keyOf(String problem) {
        return problem.substring(0, Math.max(0, problem.indexOf(": ")));
    }

    private static void merge(ObjectNode base, JsonNode overlay, String where, List<String> problems) {
        if (!overlay.isObject()) {
            problems.add((where.isEmpty() ? "configuration" : where) + ": must be a mapping");
            return;
        }
        overlay.properties().forEach(e -> {
            String path = where.isEmpty() ? e.getKey() : where + "." + e.getKey();
            JsonNode current = base.get(e.getKey());
            if (current == null) {
                problems.add(path + ": unknown setting");
                return;
            }
            boolean freeForm = path.equals("presets") || path.equals("security.quotas.tenants")
                    || path.equals("templates.definitions");
            if (current.isObject() && e.getValue().isObject() && !freeForm) {
                merge((ObjectNode) current, e.getValue(), path, problems);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        });
    }

    private static void set(ObjectNode tree, EnvVar v, String name, String value, List<String> problems) {
        String[] parts = v.path().split("\\.");
        ObjectNode parent = tree;
        for (int i = 0; i < parts.length - 1; i++) parent = (ObjectNode) parent.get(parts[i]);
        String leaf = parts[parts.length - 1];
        switch (v.kind()) {
            case TEXT -> parent.put(leaf, value);
            case NUMBER -> {
                try {
                    parent.put(leaf, Long.parseLong(value));
                } catch (NumberFormatException e) {
                    problems.add(name + ": must be a whole number, not '" + value + "'");
                }
            }
            case BOOL -> {
                if (!value.equals("true") && !value.equals("false")) {
                    problems.add(name + ": must be true or false, not '" + value + "'");
                } else {
                    parent.put(leaf, Boolean.parseBoolean(value));
                }
            }
            case LIST -> {
                ArrayNode list = parent.putArray(leaf);
                Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(list::add);
            }
            case KEYS -> {
                ArrayNode list = parent.putArray(leaf);
                Arrays.stream(value.split(",", -1)).map(String::strip).forEach(list::add);
            }
        }
    }
}
