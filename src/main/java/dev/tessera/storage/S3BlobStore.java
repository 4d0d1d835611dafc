package dev.tessera.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

    /** Streams of unknown length up to this size are uploaded from memory, larger ones from a temp file. */
    private static final int IN_MEMORY_LIMIT = 1 << 20;
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

    @Override
    public void put(String key, InputStream data) throws IOException {
        BlobKeys.validate(key);
        byte[] head = data.readNBytes(IN_MEMORY_LIMIT);
        if (head.length < IN_MEMORY_LIMIT) {
            upload(key, RequestBody.fromBytes(head));
            return;
        }
        // S3 needs the length up front: spool the rest to disk rather than to the heap.
        Path tmp = Files.createTempFile("tessera-s3-", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(head);
                data.transferTo(out);
            }
            putFile(key, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void putFile(String key, Path file) throws IOException {
        BlobKeys.validate(key);
        upload(key, RequestBody.fromFile(file));
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
            for (S3Object o : pages.contents()) keys.add(o.key().substring(prefix.length()));
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

    /** The SDK's messages carry the error code, status and request id, never the credentials. */
    private IOException failure(String operation, String key, SdkException e) {
        String where = "s3://" + bucket + "/" + prefix + key;
        return new IOException("S3 " + operation + " of " + where + " failed: " + e.getMessage(), e);
    }
}
