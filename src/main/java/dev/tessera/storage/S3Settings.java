package dev.tessera.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * Where an S3-compatible store lives.
 *
 * @param endpoint  base URL such as {@code http://127.0.0.1:9000}; null for AWS itself
 * @param bucket    the bucket, which must exist
 * @param region    signing region; null for {@code us-east-1}
 * @param accessKey null to use the SDK's default credentials chain
 * @param secretKey required when {@code accessKey} is set
 * @param pathStyle true for {@code endpoint/bucket/key} URLs (most self-hosted servers)
 * @param prefix    key prefix inside the bucket, may be empty; a trailing slash is implied
 * @param callTimeout    bound of one call, retries included
 * @param attemptTimeout bound of one HTTP attempt
 * @param maxConnections size of the HTTP connection pool
 */
public record S3Settings(
        String endpoint,
        String bucket,
        String region,
        String accessKey,
        String secretKey,
        boolean pathStyle,
        String prefix,
        Duration callTimeout,
        Duration attemptTimeout,
        int maxConnections) {

    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    /** With the default timeouts and pool size. */
    public S3Settings(String endpoint, String bucket, String region, String accessKey, String secretKey,
                      boolean pathStyle, String prefix) {
        this(endpoint, bucket, region, accessKey, secretKey, pathStyle, prefix, DEFAULT_CALL_TIMEOUT,
                DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    public S3Settings {
        if (callTimeout.isNegative() || callTimeout.isZero() || attemptTimeout.isNegative() || attemptTimeout.isZero()
                || maxConnections < 1) {
            throw new IllegalArgumentException("S3 timeouts and maxConnections must be positive");
        }
        if (bucket == null || bucket.isBlank()) throw new IllegalArgumentException("S3 bucket is required");
        if (accessKey != null && secretKey == null) {
            throw new IllegalArgumentException("S3 secretKey is required with an accessKey");
        }
        prefix = Objects.requireNonNullElse(prefix, "");
    }

    /** Never shows the secret key. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? null : "***")
                + ", pathStyle=" + pathStyle + ", prefix=" + prefix + ", callTimeout=" + callTimeout
                + ", attemptTimeout=" + attemptTimeout + ", maxConnections=" + maxConnections + "]";
    }
}
