package dev.tessera.storage;

import dev.tessera.config.S3Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A {@link BlobStore} in a bucket of any S3-compatible server, through the sync AWS SDK v2 client. */
final class S3BlobStore implements BlobStore {

    /** Objects up to this size go up in one PUT; larger ones as a multipart upload of parts this size. */
    static final int PART_SIZE = 8 << 20;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int pageSize;

    S3BlobStore(S3Settings settings) {
        this(settings, 1000);
    }

    /** {@code pageSize} is ListObjectsV2's max-keys; tests make it small to exercise pagination. */
    S3BlobStore(S3Settings settings, int pageSize) {
        if (!settings.problems().isEmpty()) {
            throw new IllegalArgumentException("S3 settings: " + String.join("; ", settings.problems()));
        }
        this.s3 = client(settings);
        this.bucket = settings.bucket();
        String p = settings.prefix().replaceAll("^/+|/+$", "");
        this.prefix = p.isEmpty() ? "" : p + "/";
        this.pageSize = pageSize;
    }

    private static S3Client client(S3Settings s) {
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(s.maxConnections())
                        .connectionAcquisitionTimeout(s.attemptTimeout()).connectionTimeout(s.attemptTimeout())
                        .socketTimeout(s.attemptTimeout()))
                .overrideConfiguration(c -> c.apiCallTimeout(s.callTimeout()).apiCallAttemptTimeout(s.attemptTimeout()))
                .region(Region.of(s.region() == null ? "us-east-1" : s.region()))
                .forcePathStyle(s.pathStyle())
                .overrideConfiguration(o -> o.retryStrategy(S3Retries.strategy()))
                // SDKs since 2.30 add CRC checksums by default, which some S3-compatible servers reject.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (s.endpoint() != null) b.endpointOverride(URI.create(s.endpoint()));
        if (s.accessKey() != null) {
            b.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s.accessKey(), s.secretKey())));
        }
        return b.build();
    }

    /** Streams in parts of {@link #PART_SIZE}: the object is never held whole, in memory or on disk. */
    @Override
    public void put(String key, InputStream data) throws IOException {
        BlobKeys.validate(key);
        byte[] first = data.readNBytes(PART_SIZE);
        if (first.length < PART_SIZE) {
            upload(key, RequestBody.fromBytes(first));
        } else {
            new S3Multipart(s3, bucket, prefix + key).upload(first, data);
        }
    }

    @Override
    public void putFile(String key, Path file) throws IOException {
        BlobKeys.validate(key);
        if (Files.size(file) <= PART_SIZE) {
            upload(key, RequestBody.fromFile(file));
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            put(key, in);
        }
    }

    private void upload(String key, RequestBody body) throws IOException {
        try {
            s3.putObject(r -> r.bucket(bucket).key(prefix + key), body);
        } catch (SdkException e) {
            throw failure("put", key, e);
        }
    }

    @Override
    public Optional<InputStream> get(String key) throws IOException {
        BlobKeys.validate(key);
        try {
            return Optional.of(s3.getObject(r -> r.bucket(bucket).key(prefix + key)));
        } catch (SdkException e) {
            if (isMissingKey(e)) return Optional.empty();
            throw failure("get", key, e);
        }
    }

    @Override
    public Optional<BlobMeta> head(String key) throws IOException {
        BlobKeys.validate(key);
        try {
            HeadObjectResponse r = s3.headObject(q -> q.bucket(bucket).key(prefix + key));
            return Optional.of(new BlobMeta(key, r.contentLength(), r.lastModified()));
        } catch (SdkException e) {
            if (isMissingKey(e)) return Optional.empty();
            throw failure("head", key, e);
        }
    }

    /** S3's DELETE succeeds whether or not the key exists, so a HEAD tells which it was. */
    @Override
    public boolean delete(String key) throws IOException {
        BlobKeys.validate(key);
        if (head(key).isEmpty()) return false;
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(prefix + key));
            return true;
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        BlobKeys.validatePrefix(keyPrefix);
        List<String> keys = new ArrayList<>();
        try {
            var pages = s3.listObjectsV2Paginator(
                    r -> r.bucket(bucket).prefix(prefix + keyPrefix).maxKeys(pageSize));
            for (S3Object o : pages.contents()) {
                String key = o.key().substring(prefix.length());
                if (BlobKeys.isValid(key)) keys.add(key); // others' objects under our prefix are not ours
            }
        } catch (SdkException e) {
            throw failure("list", keyPrefix + "*", e);
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public boolean isReachable() {
        try {
            s3.headBucket(r -> r.bucket(bucket).overrideConfiguration(c -> c.apiCallTimeout(PROBE_TIMEOUT)));
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    /** A 404 (NoSuchKey, or a bodiless HEAD); a missing bucket is a configuration error, not an absent key. */
    private static boolean isMissingKey(SdkException e) {
        return e instanceof AwsServiceException a && a.statusCode() == 404 && !(a instanceof NoSuchBucketException);
    }

    /**
     * No answer, a timeout, a 5xx or throttling is the store being unavailable; other errors (403, a missing
     * bucket) are configuration errors. The SDK's messages carry the code, status and request id, never secrets.
     */
    private IOException failure(String operation, String key, SdkException e) {
        String message = "S3 " + operation + " of s3://" + bucket + "/" + prefix + key + " failed: " + e.getMessage();
        boolean unavailable = !(e instanceof AwsServiceException a) || a.statusCode() >= 500 || a.isThrottlingException();
        return unavailable ? new StoreUnavailableException(message, e) : new IOException(message, e);
    }
}
