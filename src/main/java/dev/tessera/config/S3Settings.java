package dev.tessera.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where an S3-compatible store lives ({@code storage.s3} and each mirror side's {@code s3}).
 *
 * @param endpoint  base URL such as {@code http://127.0.0.1:9000}; null for AWS itself
 * @param bucket    the bucket, which must exist
 * @param region    signing region; null for {@code us-east-1}
 * @param accessKey null to use the SDK's default credentials chain
 * @param secretKey required when {@code accessKey} is set
 * @param pathStyle true for {@code endpoint/bucket/key} URLs (most self-hosted servers)
 * @param prefix    key prefix inside the bucket, may be empty; a trailing slash is implied
 * @param callTimeoutMs    bound of one call, retries included
 * @param attemptTimeoutMs bound of one HTTP attempt
 * @param maxConnections   size of the HTTP connection pool
 */
public record S3Settings(String endpoint, String bucket, String region, String accessKey, String secretKey,
                         boolean pathStyle, String prefix, long callTimeoutMs, long attemptTimeoutMs,
                         int maxConnections) {

    static final long DEFAULT_CALL_TIMEOUT_MS = 60_000;
    static final long DEFAULT_ATTEMPT_TIMEOUT_MS = 20_000;
    static final int DEFAULT_MAX_CONNECTIONS = 64;

    public S3Settings {
        prefix = Objects.requireNonNullElse(prefix, "");
    }

    /** With the default timeouts and pool size. */
    public S3Settings(String endpoint, String bucket, String region, String accessKey, String secretKey,
                      boolean pathStyle, String prefix) {
        this(endpoint, bucket, region, accessKey, secretKey, pathStyle, prefix, DEFAULT_CALL_TIMEOUT_MS,
                DEFAULT_ATTEMPT_TIMEOUT_MS, DEFAULT_MAX_CONNECTIONS);
    }

    public Duration callTimeout() {
        return Duration.ofMillis(callTimeoutMs);
    }

    public Duration attemptTimeout() {
        return Duration.ofMillis(attemptTimeoutMs);
    }

    /** Every unusable value as {@code field: problem}; empty when a store can be opened with these. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (bucket == null || bucket.isBlank()) problems.add("bucket: must be set");
        if (accessKey != null && secretKey == null) problems.add("secretKey: must be set with an accessKey");
        if (callTimeoutMs <= 0) problems.add("callTimeoutMs: must be more than 0, not " + callTimeoutMs);
        if (attemptTimeoutMs <= 0) problems.add("attemptTimeoutMs: must be more than 0, not " + attemptTimeoutMs);
        if (maxConnections <= 0) problems.add("maxConnections: must be more than 0, not " + maxConnections);
        return problems;
    }

    /** Never shows the secret key. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? null : "***")
                + ", pathStyle=" + pathStyle + ", prefix=" + prefix + ", callTimeoutMs=" + callTimeoutMs
                + ", attemptTimeoutMs=" + attemptTimeoutMs + ", maxConnections=" + maxConnections + "]";
    }
}
