package dev.tessera.storage;

import dev.tessera.config.S3Settings;
import java.net.URI;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server (s3proxy over an in-memory store) on a free port of 127.0.0.1. It can be stopped and
 * started again on the same port with the same objects, as an outage of the store.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "tessera-test";
    public static final String SECRET_KEY = "tessera-test-secret-0123456789";

    private final BlobStore objects = new TransientNio2BlobStore();
    private final int port;
    private final String endpoint;
    private S3Proxy proxy;
    /** Direct client for setting up buckets and checking what the stores wrote. */
    final S3Client raw;

    private static S3ProxyServer shared;

    /**
     * One server for the whole test run, started on first use, for tests that never halt it (each test takes its
     * own bucket). A test that stages an outage starts its own.
     */
    public static synchronized S3ProxyServer shared() throws Exception {
        if (shared == null) shared = new S3ProxyServer();
        return shared;
    }

    public S3ProxyServer() throws Exception {
        proxy = start(0);
        port = proxy.getPort();
        endpoint = "http://127.0.0.1:" + port;
        raw = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    private S3Proxy start(int onPort) throws Exception {
        S3Proxy p = S3Proxy.builder()
                .blobStore(objects)
                .endpoint(URI.create("http://127.0.0.1:" + onPort))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        p.start();
        while (!"STARTED".equals(p.getState())) Thread.sleep(10);
        return p;
    }

    /** Stops answering: connections to the port are refused until {@link #resume}. */
    public void halt() throws Exception {
        proxy.stop();
    }

    /** Listens again on the same port, with every object it held. */
    public void resume() throws Exception {
        proxy = start(port);
    }

    public String endpoint() {
        return endpoint;
    }

    /** Creates a bucket with a fresh name. */
    public String newBucket() {
        String bucket = "b-" + UUID.randomUUID();
        raw.createBucket(r -> r.bucket(bucket));
        return bucket;
    }

    /** The environment that makes a Tessera server use {@code bucket} of this server as its store. */
    public java.util.Map<String, String> env(String bucket) {
        return java.util.Map.of("TESSERA_STORAGE", "s3", "TESSERA_S3_ENDPOINT", endpoint, "TESSERA_S3_BUCKET", bucket,
                "TESSERA_S3_PATH_STYLE", "true", "TESSERA_S3_ACCESS_KEY", ACCESS_KEY, "TESSERA_S3_SECRET_KEY", SECRET_KEY);
    }

    S3Settings settings(String bucket, String prefix) {
        return settings(endpoint, bucket, prefix);
    }

    /** Settings for reaching this server through another endpoint, such as a {@link FaultyProxy}. */
    static S3Settings settings(String endpoint, String bucket, String prefix) {
        return new S3Settings(endpoint, bucket, null, ACCESS_KEY, SECRET_KEY, true, prefix);
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        raw.close();
        proxy.stop();
    }
}
