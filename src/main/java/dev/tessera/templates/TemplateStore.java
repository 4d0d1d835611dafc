package dev.tessera.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Templates by name: those declared in the configuration (read-only), and those stored with {@code PUT} in the
 * blob store under {@code templates/<name>} (so every node sees them), read through a cache of a short time to
 * live. A render's key holds the template's hash, so a node that still holds the old version renders that version
 * under that version's key, never the new key with old content.
 */
public final class TemplateStore {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** The outcome of a PUT: whether the name is new, and the version it replaced (null: none or the same). */
    public record Put(StoredTemplate template, boolean created, String replacedHash) {}

    private final BlobStore store;
    private final Map<String, StoredTemplate> declared;
    private final long maxOutputPixels;
    private final Cache<String, Optional<StoredTemplate>> cache;

    public TemplateStore(BlobStore store, Map<String, JsonNode> declared, long maxOutputPixels, Duration ttl,
                         Ticker ticker) {
        this.store = store;
        this.maxOutputPixels = maxOutputPixels;
        this.declared = new HashMap<>();
        declared.forEach((name, json) -> this.declared.put(name, new StoredTemplate(name,
                StoredTemplate.CONFIG_OWNER, TemplateValidator.validate(TemplateJson.parse(json), maxOutputPixels),
                true)));
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker).maximumSize(10_000).build();
    }

    /** One line per bad template declared in the configuration: {@code templates.definitions.ad: layers[2].w: ...}. */
    public static List<String> problems(Map<String, JsonNode> declared, long maxOutputPixels) {
        List<String> problems = new ArrayList<>();
        declared.forEach((name, json) -> {
            String at = "templates.definitions." + name;
            if (!NAME.matcher(name).matches()) problems.add(at + ": the name must match " + NAME.pattern());
            try {
                TemplateValidator.validate(TemplateJson.parse(json), maxOutputPixels);
            } catch (TemplateException e) {
                problems.add(at + ": " + e.getMessage());
            }
        });
        return problems;
    }

    /** Validates and stores {@code body} as {@code name} for {@code tenant}: 403 for another tenant's name. */
    public Put put(String name, byte[] body, String tenant) throws IOException {
        checkName(name);
        if (declared.containsKey(name)) {
            throw new TemplateException(TemplateException.Kind.FORBIDDEN, "the template " + name
                    + " is declared in the configuration and cannot be changed", null);
        }
        StoredTemplate next = new StoredTemplate(name, tenant,
                TemplateValidator.validate(TemplateJson.parse(body), maxOutputPixels), false);
        Optional<StoredTemplate> current = read(name);
        if (current.isPresent() && !current.get().owner().equals(tenant)) {
            throw new TemplateException(TemplateException.Kind.FORBIDDEN, "the template " + name
                    + " belongs to another tenant", null);
        }
        if (current.isPresent() && current.get().hash().equals(next.hash())) return new Put(current.get(), false, null);
        ObjectNode record = TemplateJson.MAPPER.createObjectNode().put("owner", tenant);
        record.set("template", TemplateJson.MAPPER.readTree(next.json()));
        store.put(key(name), new ByteArrayInputStream(TemplateJson.MAPPER.writeValueAsBytes(record)));
        cache.put(name, Optional.of(next));
        return new Put(next, current.isEmpty(), current.map(StoredTemplate::hash).orElse(null));
    }

    /** The template named so, or a 404. */
    public StoredTemplate get(String name) throws IOException {
        checkName(name);
        StoredTemplate fixed = declared.get(name);
        if (fixed != null) return fixed;
        try {
            return cache.get(name, n -> {
                try {
                    return read(n);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).orElseThrow(() -> new TemplateException(TemplateException.Kind.NOT_FOUND,
                    "no template is named " + name, null));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Whether {@code template} is still the version served under its name, known without blocking: false once its
     * cached entry expired (the next {@link #get} reads the store again).
     */
    public boolean current(StoredTemplate template) {
        if (template.declared()) return declared.get(template.name()) == template;
        Optional<StoredTemplate> cached = cache.getIfPresent(template.name());
        return cached != null && cached.isPresent() && cached.get().hash().equals(template.hash())
                && cached.get().owner().equals(template.owner());
    }

    private Optional<StoredTemplate> read(String name) throws IOException {
        Optional<byte[]> bytes = store.getBytes(key(name));
        if (bytes.isEmpty()) return Optional.empty();
        JsonNode record = TemplateJson.MAPPER.readTree(bytes.get());
        Template t = TemplateJson.parse(record.path("template"));
        return Optional.of(new StoredTemplate(name, record.path("owner").asText(), t, false));
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new TemplateException(TemplateException.Kind.INVALID, "a template name is 1-64 characters of "
                    + "a-z, 0-9, _ and -, starting with a letter or digit", "name");
        }
    }

    private static String key(String name) {
        return "templates/" + name;
    }
}
