package dev.tessera.config;

import dev.tessera.security.HostPatterns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks a loaded configuration for values that would start a useless or silently unsafe service. */
final class ConfigValidator {
    static final int MAX_RENDER_THREADS = 256;
    static final int RENDER_THREADS_PER_CORE = 4;

    private final List<String> problems = new ArrayList<>();

    private ConfigValidator() {}

    /** Every problem of {@code c} as {@code key: problem}; empty when it is usable on a machine of {@code cores}. */
    static List<String> problems(TesseraConfig c, int cores) {
        ConfigValidator v = new ConfigValidator();
        v.check(c, cores);
        return v.problems;
    }

    private void check(TesseraConfig c, int cores) {
        if (c.port() < 0 || c.port() > 65535) add("port", "must be 0-65535, not " + c.port());
        if (c.host() == null || c.host().isBlank()) add("host", "must not be empty");
        storage(c.storage());
        security(c.security());
        TesseraConfig.Limits l = c.limits();
        positive("limits.maxUploadBytes", l.maxUploadBytes());
        positive("limits.maxPixels", l.maxPixels());
        positive("limits.maxFrames", l.maxFrames());
        positive("limits.maxOutputPixels", l.maxOutputPixels());
        positive("limits.renderTimeoutMs", l.renderTimeoutMs());
        positive("limits.maxHeaderBytes", l.maxHeaderBytes());
        TesseraConfig.Cache cache = c.cache();
        notNegative("cache.memoryMb", cache.memoryMb());
        notNegative("cache.storeMaxMb", cache.storeMaxMb());
        positive("cache.sweepSeconds", cache.sweepSeconds());
        notNegative("cache.notFoundMaxAgeSeconds", cache.notFoundMaxAgeSeconds());
        notNegative("cache.failureTtlSeconds", cache.failureTtlSeconds());
        render(c.render(), cores);
        remote(c.remote());
        notNegative("log.slowRenderMs", c.log().slowRenderMs());
        allowHosts(c.remote().allowHosts());
        notNegative("cluster.drainDelayMs", c.cluster().drainDelayMs());
        positive("cluster.generationCheckMs", c.cluster().generationCheckMs());
        if (c.cluster().nodeId() != null && !c.cluster().nodeId().matches("[\\x21-\\x7e]{0,128}")) {
            add("cluster.nodeId", "must be up to 128 printable ASCII characters without spaces");
        }
        templates(c.templates(), l.maxOutputPixels());
    }

    private void templates(TesseraConfig.Templates t, long maxOutputPixels) {
        if (t.cacheControl() == null || t.cacheControl().isBlank()) add("templates.cacheControl", "must not be empty");
        positive("templates.concurrency", t.concurrency());
        notNegative("templates.maxWaitMs", t.maxWaitMs());
        notNegative("templates.refreshMs", t.refreshMs());
        notNegative("templates.imageCacheMb", t.imageCacheMb());
        if (t.pngCompression() < 1 || t.pngCompression() > 12) {
            add("templates.pngCompression", "must be 1 (fastest) to 12 (smallest), not " + t.pngCompression());
        }
        problems.addAll(dev.tessera.templates.TemplateStore.problems(t.definitions(), maxOutputPixels));
    }

    private void allowHosts(List<String> patterns) {
        for (String pattern : patterns) {
            try {
                HostPatterns.of(List.of(pattern));
            } catch (IllegalArgumentException e) {
                add("remote.allowHosts", e.getMessage());
            }
        }
    }

    private void storage(TesseraConfig.Storage s) {
        if (s.kind() == null) {
            add("storage.kind", "must be " + ConfigBinder.choices(StorageKind.values()));
        } else if (s.kind() == StorageKind.MIRROR) {
            mirror(s.mirror());
        } else {
            store("storage", s.store());
        }
    }

    private void mirror(TesseraConfig.Mirror m) {
        if (!"both".equals(m.ack()) && !"primary".equals(m.ack())) {
            add("storage.mirror.ack", "must be both or primary, not '" + m.ack() + "'");
        }
        positive("storage.mirror.retrySeconds", m.retrySeconds());
        for (String side : new String[] {"primary", "secondary"}) {
            TesseraConfig.Store store = side.equals("primary") ? m.primary() : m.secondary();
            if (store.kind() == null) {
                add("storage.mirror." + side + ".kind", "must be fs or s3");
            } else if (store.kind().mirrorSide()) {
                store("storage.mirror." + side, store);
            } else {
                add("storage.mirror." + side + ".kind", "must be fs or s3, not '" + store.kind() + "'");
            }
        }
    }

    private void store(String key, TesseraConfig.Store s) {
        if (s.kind().localFiles()) {
            if (s.dataDir() == null || s.dataDir().toString().isBlank()) add(key + ".dataDir", "must be set");
            return;
        }
        s.s3().problems().forEach(p -> problems.add(key + ".s3." + p));
    }

    private void security(TesseraConfig.Security s) {
        List<Integer> blank = new ArrayList<>();
        for (int i = 0; i < s.signingKeys().size(); i++) {
            if (s.signingKeys().get(i) == null || s.signingKeys().get(i).isBlank()) blank.add(i + 1);
        }
        if (!blank.isEmpty()) {
            add("security.signingKeys", "empty key (entry " + blank.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + "); remove it, or unset the list to serve unsigned URLs");
        }
        Map<String, String> tenantOfKey = new HashMap<>();
        List<String> apiKeys = s.apiKeys();
        for (int i = 0; i < apiKeys.size(); i++) {
            String entry = apiKeys.get(i) == null ? "" : apiKeys.get(i);
            int colon = entry.indexOf(':');
            if (colon <= 0 || entry.substring(colon + 1).isBlank()) {
                add("security.apiKeys", "entry " + (i + 1) + " is not a tenant:key pair");
                continue;
            }
            String tenant = entry.substring(0, colon);
            String other = tenantOfKey.putIfAbsent(entry.substring(colon + 1), tenant);
            if (other != null && !other.equals(tenant)) {
                add("security.apiKeys", "tenants " + other + " and " + tenant + " have the same key");
            }
        }
        quota("security.quotas.default", s.quotas().defaults());
        s.quotas().tenants().forEach((tenant, q) -> quota("security.quotas.tenants." + tenant, q));
    }

    private void quota(String key, TesseraConfig.Quota q) {
        if (q.uploadsPerMinute() < 0) add(key + ".uploadsPerMinute", "must not be negative");
        notNegative(key + ".storageMb", q.storageMb());
        notNegative(key + ".renderShare", q.renderShare());
    }

    private void render(TesseraConfig.Render r, int cores) {
        int most = Math.min(MAX_RENDER_THREADS, RENDER_THREADS_PER_CORE * cores);
        if (r.threads() < 0 || r.threads() > most) {
            add("render.threads", "must be 0 (one per core) to " + most + " (" + RENDER_THREADS_PER_CORE
                    + " per core on " + cores + " cores, at most " + MAX_RENDER_THREADS + "), not " + r.threads());
        }
        positive("render.queue", r.queue());
        positive("render.maxWaitMs", r.maxWaitMs());
        notNegative("render.memoryMb", r.memoryMb());
    }

    private void remote(TesseraConfig.Remote r) {
        positive("remote.connectTimeoutMs", r.connectTimeoutMs());
        positive("remote.firstByteTimeoutMs", r.firstByteTimeoutMs());
        positive("remote.totalTimeoutMs", r.totalTimeoutMs());
        positive("remote.maxBytes", r.maxBytes());
        notNegative("remote.minTtlSeconds", r.minTtlSeconds());
        if (r.maxTtlSeconds() < r.minTtlSeconds()) {
            add("remote.maxTtlSeconds", "must not be less than remote.minTtlSeconds (" + r.minTtlSeconds()
                    + "), not " + r.maxTtlSeconds());
        }
        notNegative("remote.defaultTtlSeconds", r.defaultTtlSeconds());
        notNegative("remote.staleGraceSeconds", r.staleGraceSeconds());
        notNegative("remote.cacheMb", r.cacheMb());
        positive("remote.fetchCapacity", r.fetchCapacity());
        positive("remote.maxPerHost", r.maxPerHost());
        if (!(r.originShare() > 0 && r.originShare() <= 1)) {
            add("remote.originShare", "must be more than 0 and at most 1, not " + r.originShare());
        }
        positive("remote.breakerFailures", r.breakerFailures());
        positive("remote.breakerOpenSeconds", r.breakerOpenSeconds());
        if (r.cacheControl() == null || r.cacheControl().isBlank() || r.cacheControl().contains("immutable")) {
            add("remote.cacheControl", "must be a Cache-Control value without immutable (origins change)");
        }
    }

    private void positive(String key, long value) {
        if (value <= 0) add(key, "must be more than 0, not " + value);
    }

    private void notNegative(String key, long value) {
        if (value < 0) add(key, "must not be negative, not " + value);
    }

    private void add(String key, String problem) {
        problems.add(key + ": " + problem);
    }
}
