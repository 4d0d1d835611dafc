package dev.tessera.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Everything the service is configured with; see {@code tessera-defaults.yaml} for the defaults. */
public record TesseraConfig(String host, int port, Storage storage, Security security, Remote remote,
                            Limits limits, Cache cache, Render render, Map<String, String> presets,
                            List<String> eagerPresets, Log log, Cluster cluster, Templates templates) {

    /** The security mode in words, for the startup line: signing, who may write, private remote sources. */
    public String securityMode() {
        long tenants = security.apiKeys().stream().map(k -> k.substring(0, k.indexOf(':'))).distinct().count();
        return "signing " + (security.signingKeys().isEmpty() ? "off (unsigned URLs served)"
                : "on (" + count(security.signingKeys().size(), "key") + ")")
                + ", writes " + (security.apiKeys().isEmpty() ? "from loopback only (no API keys)"
                : "with API keys (" + count(tenants, "tenant") + ")")
                + ", remote allow-private " + (remote.allowPrivate() ? "ON" : "off");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    public record Log(boolean access, long slowRenderMs) {}

    /**
     * {@code nodeId}: this node's name (empty: hostname:port); {@code drainDelayMs}: how long a stopping node stays
     * unready but serving; {@code generationCheckMs}: how stale a memory hit may be after a purge on another node.
     */
    public record Cluster(String nodeId, long drainDelayMs, long generationCheckMs) {
        /** True when the node id is configured (then meters carry it as their {@code node} label). */
        public boolean named() {
            return nodeId != null && !nodeId.isBlank();
        }

        /** The configured id, else {@code hostname:port}. */
        public String effectiveNodeId(int port) {
            if (named()) return nodeId;
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "localhost";
            }
            return host + ":" + port;
        }
    }

    /**
     * {@code /render}: its Cache-Control, renders of one template at a time per node and how long one waits
     * for a place (then 503), how long a stored template is cached before the store is read again, and the
     * read-only templates declared here (name: definition); the memory for decoded, fitted image layers.
     */
    public record Templates(String cacheControl, int concurrency, long maxWaitMs, long refreshMs, int imageCacheMb,
                            int pngCompression,
                            Map<String, com.fasterxml.jackson.databind.JsonNode> definitions) {}

    public record Storage(StorageKind kind, Path dataDir, S3Settings s3, Mirror mirror) {
        /** The store {@code kind}, {@code dataDir} and {@code s3} name (meaningful when the kind is a mirror side). */
        public Store store() {
            return new Store(kind, dataDir, s3);
        }
    }

    /** {@code storage.kind: mirror}: {@code ack} is both or primary; the journal holds unacknowledged copies. */
    public record Mirror(String ack, Path journalDir, long retrySeconds, Store primary, Store secondary) {}

    /** One side of a mirror: fs or s3. */
    public record Store(StorageKind kind, Path dataDir, S3Settings s3) {}

    public record Security(List<String> signingKeys, List<String> apiKeys, boolean publicOriginals, Quotas quotas) {}

    /** {@code defaults} (key {@code default}): the quota of a tenant not in {@code tenants}. */
    public record Quotas(Quota defaults, Map<String, Quota> tenants) {}

    /** {@code renderShare}: the tenant's weight in the render queue's round-robin (0 or absent: 1). */
    public record Quota(Double uploadsPerMinute, Long storageMb, Integer renderShare) {
        public Quota {
            if (uploadsPerMinute == null) uploadsPerMinute = 0.0;
            if (storageMb == null) storageMb = 0L;
            if (renderShare == null) renderShare = 1;
        }
    }

    /** {@code remote:}: who may be fetched, the fetch limits, the source cache, bulkheads and breakers. */
    public record Remote(List<String> allowHosts, boolean allowPrivate, long connectTimeoutMs,
                         long firstByteTimeoutMs, long totalTimeoutMs, long maxBytes, long minTtlSeconds,
                         long maxTtlSeconds, long defaultTtlSeconds, long staleGraceSeconds, long cacheMb,
                         int fetchCapacity, int maxPerHost, double originShare, int breakerFailures,
                         long breakerOpenSeconds, String cacheControl) {}

    public record Limits(long maxUploadBytes, long maxPixels, int maxFrames, long maxOutputPixels, long renderTimeoutMs,
                         int maxHeaderBytes) {}

    /**
     * {@code failureTtlSeconds}: how long a deterministic render failure is remembered; {@code notFoundMaxAgeSeconds}:
     * how long a 404 for an unknown image may be cached (0: never).
     */
    public record Cache(long memoryMb, long storeMaxMb, long sweepSeconds, long failureTtlSeconds,
                        long notFoundMaxAgeSeconds) {}

    /** {@code memoryMb}: native memory budget of running renders and upload checks; 0: derived (see below). */
    public record Render(int threads, int queue, long maxWaitMs, long memoryMb) {
        /**
         * The derived budget's cap: one full decode of a 20 MP 4:4:4 progressive JPEG (issue 17's c=32 photo, ~155 MB
         * estimated up to 2000 px as JPEG) fits, and runs alone. Peak RSS at c=32 on it: 313-323 MB at 160 MB,
         * 341-366 MB at 224 MB (bench/jvm-memory, 20 s runs, 2026-12-02); any mix 252-310 MB (bench/rss-mix).
         */
        static final long DERIVED_CAP_MB = 160;

        public int effectiveThreads() {
            return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        }

        public long effectiveMemoryBytes() {
            if (memoryMb > 0) return memoryMb << 20;
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            return derivedMemoryBytes(os.getTotalMemorySize()); // the container's limit when there is one
        }

        /** A quarter of the memory the process may use, at most {@link #DERIVED_CAP_MB}. */
        static long derivedMemoryBytes(long totalMemoryBytes) {
            return Math.min(totalMemoryBytes / 4, DERIVED_CAP_MB << 20);
        }
    }
}
