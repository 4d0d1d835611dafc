package dev.tessera.storage;

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
 */
public record S3Settings(
        String endpoint,
        String bucket,
        String region,
        String accessKey,
        String secretKey,
        boolean pathStyle,
        String prefix) {

    public S3Settings {
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
                + ", pathStyle=" + pathStyle + ", prefix=" + prefix + "]";
    }
}
