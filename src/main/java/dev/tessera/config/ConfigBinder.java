package dev.tessera.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the configuration records from the YAML tree, each by its constructor: no reflection on the start path
 * (Jackson's databind took ~300 ms of every start introspecting the records, a reflective binder ~150 ms). One
 * problem per bad value, by its key: {@code port: must be a whole number, not 'eighty'}; an unknown enum value is
 * read as null and named with the values it may take, so the validator still lists every other problem.
 */
final class ConfigBinder {
    private final List<String> problems;
    private boolean allRead = true;

    ConfigBinder(List<String> problems) {
        this.problems = problems;
    }

    TesseraConfig bind(JsonNode tree) {
        Section s = root(tree);
        return s.done(new TesseraConfig(s.text("host"), s.integer("port"), storage(s.section("storage")),
                security(s.section("security")), remote(s.section("remote")), limits(s.section("limits")),
                cache(s.section("cache")), render(s.section("render")), s.textEntries("presets"),
                s.texts("eagerPresets"), log(s.section("log")), cluster(s.section("cluster")),
                templates(s.section("templates"))));
    }

    /**
     * False when a value had the wrong type (reported): its record holds a null or zero in its place, which the
     * validator would misread. An unknown enum value leaves it true: the validator knows a null kind.
     */
    boolean allRead() {
        return allRead;
    }

    Section root(JsonNode tree) {
        return new Section(tree, "", false);
    }

    private static TesseraConfig.Storage storage(Section s) {
        return s.done(new TesseraConfig.Storage(s.choice("kind", StorageKind.values()), s.path("dataDir"),
                s3(s.section("s3")), mirror(s.section("mirror"))));
    }

    private static S3Settings s3(Section s) {
        return s.done(new S3Settings(s.text("endpoint"), s.text("bucket"), s.text("region"), s.text("accessKey"),
                s.text("secretKey"), s.bool("pathStyle"), s.text("prefix"), s.whole("callTimeoutMs"),
                s.whole("attemptTimeoutMs"), s.integer("maxConnections")));
    }

    private static TesseraConfig.Mirror mirror(Section s) {
        return s.done(new TesseraConfig.Mirror(s.text("ack"), s.path("journalDir"), s.whole("retrySeconds"),
                store(s.section("primary")), store(s.section("secondary"))));
    }

    private static TesseraConfig.Store store(Section s) {
        return s.done(new TesseraConfig.Store(s.choice("kind", StorageKind.values()), s.path("dataDir"),
                s3(s.section("s3"))));
    }

    private static TesseraConfig.Security security(Section s) {
        return s.done(new TesseraConfig.Security(s.texts("signingKeys"), s.texts("apiKeys"),
                s.bool("publicOriginals"), quotas(s.section("quotas"))));
    }

    private static TesseraConfig.Quotas quotas(Section s) {
        return s.done(new TesseraConfig.Quotas(quota(s.section("default")),
                s.entries("tenants", ConfigBinder::quota)));
    }

    private static TesseraConfig.Quota quota(Section s) {
        return s.done(new TesseraConfig.Quota(s.optionalNumber("uploadsPerMinute"), s.optionalWhole("storageMb"),
                s.optionalInteger("renderShare")));
    }

    private static TesseraConfig.Remote remote(Section s) {
        return s.done(new TesseraConfig.Remote(s.texts("allowHosts"), s.bool("allowPrivate"),
                s.whole("connectTimeoutMs"), s.whole("firstByteTimeoutMs"), s.whole("totalTimeoutMs"),
                s.whole("maxBytes"), s.whole("minTtlSeconds"), s.whole("maxTtlSeconds"), s.whole("defaultTtlSeconds"),
                s.whole("staleGraceSeconds"), s.whole("cacheMb"), s.integer("fetchCapacity"), s.integer("maxPerHost"),
                s.number("originShare"), s.integer("breakerFailures"), s.whole("breakerOpenSeconds"),
                s.text("cacheControl")));
    }

    private static TesseraConfig.Limits limits(Section s) {
        return s.done(new TesseraConfig.Limits(s.whole("maxUploadBytes"), s.whole("maxPixels"), s.integer("maxFrames"),
                s.whole("maxOutputPixels"), s.whole("renderTimeoutMs"), s.integer("maxHeaderBytes")));
    }

    private static TesseraConfig.Cache cache(Section s) {
        return s.done(new TesseraConfig.Cache(s.whole("memoryMb"), s.whole("storeMaxMb"), s.whole("sweepSeconds"),
                s.whole("failureTtlSeconds"), s.whole("notFoundMaxAgeSeconds")));
    }

    private static TesseraConfig.Render render(Section s) {
        return s.done(new TesseraConfig.Render(s.integer("threads"), s.integer("queue"), s.whole("maxWaitMs"),
                s.whole("memoryMb")));
    }

    private static TesseraConfig.Log log(Section s) {
        return s.done(new TesseraConfig.Log(s.bool("access"), s.whole("slowRenderMs")));
    }

    private static TesseraConfig.Cluster cluster(Section s) {
        return s.done(new TesseraConfig.Cluster(s.text("nodeId"), s.whole("drainDelayMs"),
                s.whole("generationCheckMs")));
    }

    private static TesseraConfig.Templates templates(Section s) {
        return s.done(new TesseraConfig.Templates(s.text("cacheControl"), s.integer("concurrency"),
                s.whole("maxWaitMs"), s.whole("refreshMs"), s.integer("imageCacheMb"), s.integer("pngCompression"),
                s.trees("definitions")));
    }

    /**
     * One mapping of the tree, read by key. A value of the wrong type is reported and read as null or zero; a
     * mapping that is not one is reported once and read as an empty one, whose absent values are not reported again.
     */
    final class Section {
        private final JsonNode node;
        private final String key;
        private final boolean reported;
        private final Set<String> read = new HashSet<>();

        private Section(JsonNode node, String key, boolean inReported) {
            boolean mapping = node != null && node.isObject();
            if (!mapping && !inReported) ConfigBinder.this.wrong(key, "must be a mapping", node);
            this.node = mapping ? node : JsonNodeFactory.instance.objectNode();
            this.key = key;
            this.reported = inReported || !mapping;
        }

        Section section(String name) {
            return new Section(get(name), at(name), reported);
        }

        /** Text, or null; a number or switch is read as its text. */
        String text(String name) {
            JsonNode v = get(name);
            if (v == null || v.isNull()) return null;
            return v.isValueNode() ? v.asText() : (String) wrong(at(name), "must be text", v);
        }

        int integer(String name) {
            return (int) whole(name, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        long whole(String name) {
            return whole(name, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        /** Absent or null: null. */
        Integer optionalInteger(String name) {
            return isSet(name) ? integer(name) : null;
        }

        /** Absent or null: null. */
        Long optionalWhole(String name) {
            return isSet(name) ? whole(name) : null;
        }

        /** Absent or null: null. */
        Double optionalNumber(String name) {
            return isSet(name) ? number(name) : null;
        }

        double number(String name) {
            JsonNode v = get(name);
            if (v != null && v.isNumber()) return v.asDouble();
            if (v != null && v.isTextual()) {
                try {
                    return Double.parseDouble(v.asText().strip());
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            wrong(at(name), "must be a number", v);
            return 0;
        }

        boolean bool(String name) {
            JsonNode v = get(name);
            if (v != null && v.isBoolean()) return v.asBoolean();
            if (v != null && v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
                return v.asText().equals("true");
            }
            wrong(at(name), "must be true or false", v);
            return false;
        }

        Path path(String name) {
            JsonNode v = get(name);
            if (v == null || v.isNull() || !v.isValueNode()) return (Path) wrong(at(name), "must be a path", v);
            try {
                return Path.of(v.asText());
            } catch (InvalidPathException e) {
                return (Path) wrong(at(name), "must be a path (" + e.getReason() + ")", v);
            }
        }

        /** The value whose {@code toString()} is the text ({@link StorageKind}: {@code fs}, ...); null if none. */
        <E> E choice(String name, E[] values) {
            JsonNode v = get(name);
            if (v == null || v.isNull()) return null;
            String text = v.isValueNode() ? v.asText() : v.toString();
            for (E e : values) {
                if (e.toString().equals(text)) return e;
            }
            problems.add(at(name) + ": must be " + choices(values) + ", not '" + text + "'");
            return null;
        }

        /** A list of text; entries may not be null. */
        List<String> texts(String name) {
            JsonNode v = get(name);
            if (v == null || !v.isArray()) return wrongList(at(name), "must be a list", v);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                if (e.isNull()) return wrongList(at(name) + "[" + i + "]", "must not be empty", null);
                if (!e.isValueNode()) return wrongList(at(name) + "[" + i + "]", "must be text", e);
                texts.add(e.asText());
            }
            return List.copyOf(texts);
        }

        /** A mapping of name to text, in the file's order. */
        Map<String, String> textEntries(String name) {
            Section s = section(name);
            Map<String, String> entries = new LinkedHashMap<>();
            s.node.fieldNames().forEachRemaining(n -> entries.put(n, s.text(n)));
            return Collections.unmodifiableMap(entries);
        }

        /** A mapping of name to a record read from each entry's mapping, in the file's order. */
        <T> Map<String, T> entries(String name, Function<Section, T> read) {
            Section s = section(name);
            Map<String, T> entries = new LinkedHashMap<>();
            s.node.fieldNames().forEachRemaining(n -> entries.put(n, read.apply(s.section(n))));
            return Collections.unmodifiableMap(entries);
        }

        /** A mapping of name to a tree read later (its own validation), in the file's order. */
        Map<String, JsonNode> trees(String name) {
            Section s = section(name);
            Map<String, JsonNode> entries = new LinkedHashMap<>();
            s.node.properties().forEach(e -> entries.put(e.getKey(), e.getValue()));
            return Collections.unmodifiableMap(entries);
        }

        /** Reports each key of this mapping that nothing read, and returns {@code value}. */
        <T> T done(T value) {
            node.fieldNames().forEachRemaining(n -> {
                if (!read.contains(n)) problems.add(at(n) + ": unknown setting");
            });
            return value;
        }

        private boolean isSet(String name) {
            JsonNode v = get(name);
            return v != null && !v.isNull();
        }

        private long whole(String name, long min, long max) {
            JsonNode v = get(name);
            long n = 0;
            boolean isWhole = false;
            if (v != null && v.isIntegralNumber() && v.canConvertToLong()) {
                n = v.asLong();
                isWhole = true;
            } else if (v != null && v.isTextual()) {
                try {
                    n = Long.parseLong(v.asText().strip());
                    isWhole = true;
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            if (!isWhole) {
                wrong(at(name), "must be a whole number", v);
            } else if (n < min || n > max) {
                wrong(at(name), "must be a whole number from " + min + " to " + max, v);
            } else {
                return n;
            }
            return 0;
        }

        /** The value at {@code name}, marked as read; null when absent. */
        private JsonNode get(String name) {
            read.add(name);
            return node.get(name);
        }

        private String at(String name) {
            return key.isEmpty() ? name : key + "." + name;
        }

        /** Reports the problem unless it is a value of a mapping already reported as not one. */
        private Object wrong(String at, String problem, JsonNode value) {
            return reported ? null : ConfigBinder.this.wrong(at, problem, value);
        }

        private List<String> wrongList(String at, String problem, JsonNode value) {
            wrong(at, problem, value);
            return null;
        }
    }

    /** {@code fs, s3 or mirror}: the values as the configuration spells them. */
    static String choices(Object[] values) {
        List<String> ids = Arrays.stream(values).map(String::valueOf).toList();
        return ids.size() == 1 ? ids.getFirst()
                : String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.getLast();
    }

    /** Reports {@code key: problem, not 'value'} (the value only when there is one); returns null for the value. */
    private Object wrong(String key, String problem, JsonNode value) {
        allRead = false;
        String shown = value == null || value.isNull() ? ""
                : ", not " + (value.isValueNode() ? "'" + value.asText() + "'" : value.isArray() ? "a list" : "a mapping");
        problems.add((key.isEmpty() ? "configuration" : key) + ": " + problem + shown);
        return null;
    }
}
