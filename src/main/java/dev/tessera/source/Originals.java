package dev.tessera.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tessera.options.ImageFormat;
import dev.tessera.processing.ImageException;
import dev.tessera.processing.ImageHeader;
import dev.tessera.processing.ImageProbe;
import dev.tessera.processing.Limits;
import dev.tessera.processing.RenderPool;
import dev.tessera.processing.SourceImage;
import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The stored originals: takes uploads (streamed to a spool file, hashed, sniffed, checked from
 * the header, decoded once to refuse corrupt files, then stored durably), and serves them back.
 */
public final class Originals {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlobStore store;
    private final RenderPool pool;
    private final Limits limits;
    private final long maxUploadBytes;
    private final Path spoolDir;
    private final Cache<String, ImageInfo> infos = Caffeine.newBuilder().maximumSize(100_000).build();

    public Originals(BlobStore store, RenderPool pool, Limits limits, long maxUploadBytes, Path spoolDir)
            throws IOException {
        this.store = store;
        this.pool = pool;
        this.limits = limits;
        this.maxUploadBytes = maxUploadBytes;
        this.spoolDir = Files.createDirectories(spoolDir);
    }

    /** Stores the bytes of {@code body} as an original for {@code tenant}, or finds them already stored. */
    public Upload ingest(InputStream body, String tenant, LongConsumer admit) throws IOException {
        // a data dir that came back (remounted, restored) may lack the spool; never recreate the data dir itself
        if (!Files.isDirectory(spoolDir) && Files.isDirectory(spoolDir.getParent())) Files.createDirectories(spoolDir);
        Path spool = Files.createTempFile(spoolDir, "upload-", ".part");
        try {
            String id = spoolAndHash(body, spool);
            Optional<ImageInfo> existing = info(id);
            if (existing.isPresent()) return new Upload(existing.get(), false);
            long size = Files.size(spool);
            admit.accept(size);
            ImageFormat format = FormatSniffer.sniff(head(spool)).orElseThrow(() -> new ImageException(
                    ImageException.Reason.UNSUPPORTED_FORMAT, "the upload is not an image in a format the service"
                    + " reads (JPEG, PNG, WebP, GIF, AVIF, HEIC, TIFF)"));
            ImageHeader header = pool.run(tenant, () -> {
                ImageHeader h = ImageProbe.header(spool, format);
                ImageProbe.validate(SourceImage.ofFile(spool, h), limits);
                return h;
            });
            ImageInfo info = new ImageInfo(id, size, header, tenant);
            store.putFile(BlobKeys.originalKey(id), spool);
            store.put(metaKey(id), new ByteArrayInputStream(JSON.writeValueAsBytes(info)));
            infos.put(id, info);
            return new Upload(info, true);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private String spoolAndHash(InputStream body, Path spool) throws IOException {
        MessageDigest sha = sha256();
        long total = 0;
        try (OutputStream out = Files.newOutputStream(spool)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) != -1; ) {
                total += n;
                if (total > maxUploadBytes) throw new UploadTooLargeException(maxUploadBytes);
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) throw new ImageException(ImageException.Reason.UNSUPPORTED_FORMAT, "the upload is empty");
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Stored bytes of originals per tenant, from the metadata of every original (for storage quotas). */
    public Map<String, Long> bytesByTenant() throws IOException {
        Map<String, Long> totals = new HashMap<>();
        for (String key : store.list("meta/")) {
            Optional<byte[]> meta = store.getBytes(key);
            if (meta.isEmpty()) continue;
            ImageInfo info = JSON.readValue(meta.get(), ImageInfo.class);
            totals.merge(info.tenant(), info.bytes(), Long::sum);
        }
        return totals;
    }

    /** What is known of a stored original, or empty when there is none. */
    public Optional<ImageInfo> info(String id) throws IOException {
        ImageInfo cached = infos.getIfPresent(id);
        if (cached != null) return Optional.of(cached);
        Optional<byte[]> meta = store.getBytes(metaKey(id));
        ImageInfo info;
        if (meta.isPresent()) {
            info = JSON.readValue(meta.get(), ImageInfo.class);
        } else {
            Optional<SourceImage> original = read(id, null);
            if (original.isEmpty()) return Optional.empty();
            info = probe(id, original.get()); // stored before a crash could write its metadata
            store.put(metaKey(id), new ByteArrayInputStream(JSON.writeValueAsBytes(info)));
        }
        infos.put(id, info);
        return Optional.of(info);
    }

    private ImageInfo probe(String id, SourceImage original) throws IOException {
        byte[] head = original.bytes() != null ? original.bytes() : head(original.file());
        ImageFormat format = FormatSniffer.sniff(Arrays.copyOf(head, Math.min(head.length, FormatSniffer.HEAD_BYTES)))
                .orElseThrow(() -> new IOException("stored original " + id + " is not a known image format"));
        long size = original.bytes() != null ? original.bytes().length : Files.size(original.file());
        ImageHeader header = pool.run(() -> original.bytes() != null ? ImageProbe.header(original.bytes(), format)
                : ImageProbe.header(original.file(), format));
        return new ImageInfo(id, size, header, null);
    }

    /** The original for rendering: read in place from a local store, else its bytes. */
    public Optional<SourceImage> source(String id) throws IOException {
        Optional<ImageInfo> info = info(id);
        if (info.isEmpty()) return Optional.empty();
        return read(id, info.get().header());
    }

    private Optional<SourceImage> read(String id, ImageHeader header) throws IOException {
        String key = BlobKeys.originalKey(id);
        Optional<Path> file = store.localFile(key);
        if (file.isPresent()) return Optional.of(SourceImage.ofFile(file.get(), header));
        return store.getBytes(key).map(bytes -> new SourceImage(bytes, header));
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(FormatSniffer.HEAD_BYTES);
        }
    }

    /** Streams the original's bytes; the caller closes the stream. */
    public Optional<InputStream> open(String id) throws IOException {
        return store.get(BlobKeys.originalKey(id));
    }

    /** Removes the original and its metadata; true when it existed. */
    public boolean delete(String id) throws IOException {
        infos.invalidate(id);
        boolean existed = store.delete(BlobKeys.originalKey(id));
        return store.delete(metaKey(id)) || existed;
    }

    private static String metaKey(String id) {
        return "meta/" + BlobKeys.originalKey(id).substring("originals/".length()) + ".json";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
