package dev.tessera.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/** One multipart upload of a stream, a part in memory at a time; aborted when anything fails. */
final class S3Multipart {
    private final S3Client s3;
    private final String bucket;
    private final String key;

    S3Multipart(S3Client s3, String bucket, String key) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
    }

    /** Uploads {@code first} and then the rest of {@code data}, in parts of {@link S3BlobStore#PART_SIZE}. */
    void upload(byte[] first, InputStream data) throws IOException {
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        } catch (SdkException e) {
            throw new IOException("S3 multipart start of s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
        boolean done = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] part = first;
            while (part.length > 0) {
                int number = parts.size() + 1;
                byte[] body = part;
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                        RequestBody.fromBytes(body)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                part = data.readNBytes(S3BlobStore.PART_SIZE);
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            done = true;
        } catch (SdkException e) {
            throw new IOException("S3 multipart put of s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        } finally {
            if (!done) abort(uploadId);
        }
    }

    private void abort(String uploadId) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException ignored) {
            // a leftover upload costs storage until the bucket's lifecycle rule removes it
        }
    }
}
