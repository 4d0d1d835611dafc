package dev.tessera.storage;

import java.net.URI;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A real S3 API server (s3proxy over an in-memory store) on a free port of 127.0.0.1. */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "tessera-test";
    static final String SECRET_KEY = "tessera-test-secret-0123456789";

    private final S3Proxy proxy;
    private final String endpoint;
    /** Direct client for setting up buckets and checking what the stores wrote. */
    final S3Client raw;

    S3ProxyServer() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) Thread.sleep(10);
        endpoint = "http://127.0.0.1:" + proxy.getPort();
        raw = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Creates a bucket with a fresh name. */
    String newBucket() {
        String bucket = "b-" + UUID.randomUUID();
        raw.createBucket(r -> r.bucket(bucket));
        return bucket;
    }

    S3Settings settings(String bucket, String prefix) {
        return settings(endpoint, bucket, prefix);
    }

    /** Settings for reaching this server through another endpoint, such as a {@link FaultyProxy}. */
    static S3Settings settings(String endpoint, String bucket, String prefix) {
        return new S3Settings(endpoint, bucket, null, ACCESS_KEY, SECRET_KEY, true, prefix);
    }

    int port() {
        return proxy.getPort();
    }

    @Override
    public void close() throws Exception {
        raw.close();
        proxy.stop();
    }
}
