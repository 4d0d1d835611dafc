package dev.tessera.source;

import dev.tessera.image.ImageInfo;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.image.ImageFormat;
import dev.tessera.image.ImageException;
import dev.tessera.image.ImageHeader;
import dev.tessera.processing.DecodedFrames;
import dev.tessera.processing.ImageProbe;
import dev.tessera.processing.Jpegtran;
import dev.tessera.processing.Limits;
import dev.tessera.processing.MemoryEstimate;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.image.SourceImage;
import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.BlobMeta;
import dev.tessera.storage.BlobStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored originals and who owns them: takes uploads (streamed to a spool file, hashed, sniffed, checked
 * from the header, decoded once to refuse corrupt files, then stored durably), and serves them back. Every
 * change to one id's objects runs under that id's lock.
 */
public final class Originals {
    private static final Logger LOG = LoggerFactory.getLogger(Originals.class);
    /** How long a node trusts what it read of the store: another node may delete or re-store meanwhile. */
    static final Duration INFO_TTL = Duration.ofSeconds(30);
    /** A baseline copy is made once per original, often while renders share the CPU: this many render deadlines. */
    private static final int BASELINE_DEADLINES = 5;

    private final BlobStore store;
    private final Ownership ownership;
    private final MetaRecords metas;
    private final RenderPool pool;
    private final Limits limits;
    private final long maxUploadBytes;
    private final Path spoolDir;
    private final Counter corrupt;
    private final IdLocks locks = new IdLocks();
    private final Cache<String, ImageInfo> infos;
    private final BaselineCopies baselines;
    /** Where the upload check keeps its decode of an original for one render (its mezzanine), and of which. */
    private volatile DecodedFrames checkedDecodes = DecodedFrames.NONE;
    private volatile Predicate<ImageHeader> keepsCheckedDecode = h -> false;

    /** Originals without baseline copies. */
    public Originals(BlobStore store, RenderPool pool, Limits limits, long maxUploadBytes, Path spoolDir,
                     MeterRegistry registry, Ticker ticker) throws IOException {
        this(store, pool, limits, maxUploadBytes, spoolDir, registry, ticker, Optional.empty());
    }

    /** {@code jpegtran}: makes the baseline copies of progressive JPEG originals (none when empty). */
    public Originals(BlobStore store, RenderPool pool, Limits limits, long maxUploadBytes, Path spoolDir,
                     MeterRegistry registry, Ticker ticker, Optional<Jpegtran> jpegtran) throws IOException {
        this.store = store;
        this.ownership = new Ownership(store);
        this.metas = new MetaRecords(store);
        this.pool = pool;
        this.limits = limits;
        this.maxUploadBytes = maxUploadBytes;
        this.spoolDir = Files.createDirectories(spoolDir);
        this.corrupt = Counter.builder("tessera_originals_corrupt")
                .description("stored originals whose bytes did not hash to their id").register(registry);
        this.infos = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(INFO_TTL).ticker(ticker).build();
        this.baselines = new BaselineCopies(store, jpegtran.orElse(null), pool, this.spoolDir,
                Duration.ofNanos(limits.renderTimeout().toNanos() * BASELINE_DEADLINES), registry);
    }

    /**
     * From now on, the upload check of an original that {@code which} accepts keeps its decode in {@code frames}
     * under the original's id (see {@link ImageProbe#validate(SourceImage, Limits, DecodedFrames, String)}): its
     * mezzanine, made right after, then decodes nothing. Called once, at wiring.
     */
    public void keepCheckedDecodes(DecodedFrames frames, Predicate<ImageHeader> which) {
        this.checkedDecodes = frames;
        this.keepsCheckedDecode = which;
    }

    /**
     * Stores the bytes of {@code body} as an original owned by {@code tenant}. Created when the image is new
     * to the tenant: its quota is charged then (and credited back if storing fails).
     */
    public Upload ingest(InputStream body, String tenant, QuotaCharge quota) throws IOException {
        // a data dir that came back (remounted, restored) may lack the spool; never recreate the data dir itself
        if (!Files.isDirectory(spoolDir) && Files.isDirectory(spoolDir.getParent())) Files.createDirectories(spoolDir);
        Path spool = Files.createTempFile(spoolDir, "upload-", ".part");
        try {
            String id = spoolAndHash(body, spool);
            long size = Files.size(spool);
            return locks.locked(id, () -> claim(id, tenant, spool, size, quota));
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** Dedupes on the original itself: re-stores it when absent or of another size, whatever else says so. */
    private Upload claim(String id, String tenant, Path spool, long size, QuotaCharge quota) throws IOException {
        boolean owned = claimOf(id, tenant).isPresent();
        boolean intact = store.head(BlobKeys.originalKey(id)).map(m -> m.size() == size).orElse(false);
        Optional<ImageInfo> stored = intact ? info(id) : Optional.empty(); // empty too when found corrupt
        if (owned && stored.isPresent()) return new Upload(stored.get(), false);
        if (!owned) quota.reserve().accept(size);
        try {
            ImageInfo info = stored.isPresent() ? stored.get() : storeOriginal(id, tenant, spool, size);
            if (!owned) ownership.add(id, tenant, size);
            return new Upload(info, !owned);
        } catch (IOException | RuntimeException | Error e) {
            if (!owned) quota.release().accept(size);
            throw e;
        }
    }

    private ImageInfo storeOriginal(String id, String tenant, Path spool, long size) throws IOException {
        ImageFormat format = FormatSniffer.sniff(head(new SourceImage.OnDisk(spool, null))).orElseThrow(() -> new ImageException(
                ImageException.Reason.UNSUPPORTED_FORMAT, "the upload is not an image in a format the service"
                + " reads (JPEG, PNG, WebP, GIF, AVIF, HEIC, TIFF)"));
        ImageHeader header = pool.run(tenant, () -> ImageProbe.header(spool, format));
        ImageProbe.checkLimits(header, limits); // before the memory estimate: the limit is the clearer answer
        // kept only when the frames' bound holds it and the check still fits the budget: never refused for it
        boolean keep = keepsCheckedDecode.test(header) && checkedDecodes.fits(MemoryEstimate.checkedDecode(header))
                && MemoryEstimate.uploadCheck(header, true) <= pool.memoryBudget();
        pool.run(tenant, MemoryEstimate.uploadCheck(header, keep), () -> {
            ImageProbe.validate(new SourceImage.OnDisk(spool, header), limits, keep ? checkedDecodes
                    : DecodedFrames.NONE, id);
            return null;
        });
        ImageInfo info = new ImageInfo(id, size, header, tenant);
        store.putFile(BlobKeys.originalKey(id), spool);
        metas.write(info);
        infos.put(id, info);
        return info;
    }

    private String spoolAndHash(InputStream body, Path spool) throws IOException {
        Sha256 sha = new Sha256();
        long total = 0;
        try (OutputStream out = Files.newOutputStream(spool)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) != -1; ) {
                total += n;
                if (total > maxUploadBytes) throw new UploadTooLargeException(maxUploadBytes);
                sha.update(buffer, n);
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) throw new ImageException(ImageException.Reason.UNSUPPORTED_FORMAT, "the upload is empty");
        return sha.hex();
    }

    /** The bytes each tenant's claims charge (for storage quotas); an original stored before claims, its uploader. */
    public Map<String, Long> bytesByOwner() throws IOException {
        Map<String, Long> totals = new HashMap<>();
        metas.addSizes(totals, new HashSet<>(ownership.addCharges(totals)));
        return totals;
    }

    /**
     * A page of originals, newest first: the tenant's own, or every one when {@code tenant} is null.
     * @throws IllegalArgumentException for a cursor that no page gave
     */
    public ImagePage recent(String tenant, int limit, String cursor) throws IOException {
        return new ImageListing(store).page(tenant, limit, cursor, this::info);
    }

    /** True when the tenant owns the image. */
    public boolean owns(String id, String tenant) throws IOException {
        return locks.locked(id, () -> claimOf(id, tenant).isPresent());
    }

    /** Removes the tenant's claim; the original and its metadata go with the last. Empty for a non-owner. */
    public Optional<Disowned> disown(String id, String tenant) throws IOException {
        return locks.locked(id, () -> {
            Optional<Long> claim = claimOf(id, tenant);
            if (claim.isEmpty()) return Optional.empty();
            ownership.remove(id, tenant);
            boolean last = ownership.owners(id).isEmpty();
            if (last) remove(id);
            return Optional.of(new Disowned(claim.get(), last));
        });
    }

    /** The tenant's claim; an original stored before claims existed is owned by the tenant that uploaded it. */
    private Optional<Long> claimOf(String id, String tenant) throws IOException {
        Optional<Long> claim = ownership.claim(id, tenant);
        if (claim.isPresent() || !ownership.owners(id).isEmpty()) return claim;
        Optional<ImageInfo> legacy = info(id);
        if (legacy.isEmpty() || !legacy.get().tenant().equals(tenant)) return Optional.empty();
        ownership.add(id, tenant, legacy.get().bytes());
        return Optional.of(legacy.get().bytes());
    }

    private void remove(String id) throws IOException {
        baselines.delete(id);
        store.delete(BlobKeys.originalKey(id));
        metas.delete(id);
        infos.invalidate(id); // after the deletes: a read in between may have cached it
    }

    /** What is known of a stored original, or empty when there is none (or it is corrupt). */
    public Optional<ImageInfo> info(String id) throws IOException {
        ImageInfo cached = infos.getIfPresent(id);
        if (cached != null) return Optional.of(cached);
        return locks.locked(id, () -> {
            ImageInfo loaded = infos.getIfPresent(id); // by another caller while this one waited
            if (loaded == null) loaded = load(id).orElse(null);
            if (loaded != null) infos.put(id, loaded);
            return Optional.ofNullable(loaded);
        });
    }

    /** From the metadata when it is sound and agrees with the original's size, else rebuilt from the original. */
    private Optional<ImageInfo> load(String id) throws IOException {
        Optional<BlobMeta> original = store.head(BlobKeys.originalKey(id));
        if (original.isEmpty()) return Optional.empty();
        Optional<byte[]> json = metas.raw(id);
        Optional<ImageInfo> meta = json.flatMap(j -> MetaRecords.parse(id, j));
        if (meta.isPresent() && meta.get().bytes() == original.get().size()) return meta;
        if (json.isPresent()) LOG.warn("image {}: metadata damaged or not matching the original; rebuilding it", id);
        Optional<SourceImage.OnDisk> verified = readVerified(id, null);
        if (verified.isEmpty()) return Optional.empty();
        List<String> owners = ownership.owners(id);
        ImageInfo info;
        try (SourceImage read = verified.get()) {
            info = probe(id, read, owners.isEmpty() ? null : owners.getFirst());
        }
        metas.write(info);
        return Optional.of(info);
    }

    private ImageInfo probe(String id, SourceImage original, String firstOwner) throws IOException {
        ImageFormat format = FormatSniffer.sniff(head(original))
                .orElseThrow(() -> new IOException("stored original " + id + " is not a known image format"));
        ImageHeader header = pool.run(() -> ImageProbe.header(original, format));
        return new ImageInfo(id, original.size(), header, firstOwner);
    }

    /**
     * The original for decoding, with its header: its baseline copy when stored (the same pixels, decoded faster in
     * less memory; one missing is made in the background, for the decodes after this one), else the original read
     * in place from a local store when its size is right, else a checked temporary copy; the caller closes it. Takes
     * what the caller knows, so a render thread never waits on the id's lock for a lookup.
     */
    public Optional<SourceImage> source(ImageInfo info) throws IOException {
        Optional<SourceImage> copy = baselines.find(info);
        if (copy.isPresent()) return copy;
        Optional<SourceImage> original = stored(info).map(o -> o);
        if (original.isPresent()) baselines.makeLater(info, () -> stored(info));
        return original;
    }

    /**
     * As {@link #source}, but a missing copy is not started: for a decode made once per original (the mezzanine),
     * which would only share the CPU with it; the upload's background work makes the copy after that decode.
     */
    public Optional<SourceImage> sourceAsFound(ImageInfo info) throws IOException {
        Optional<SourceImage> copy = baselines.find(info);
        return copy.isPresent() ? copy : stored(info).map(o -> o);
    }

    /**
     * Whether the original's baseline copy is stored, so {@link #source} decodes it in sequence: made now (in its
     * owner's turn) when missing. False when it gets none (not a progressive JPEG, no jpegtran, failed before).
     */
    public boolean ensureBaselineCopy(ImageInfo info) throws IOException {
        return baselines.ensure(info, () -> stored(info));
    }

    /** Makes the original's baseline copy now (in its owner's turn) when it gets one and lacks it: background work. */
    public void prepareBaselineCopy(ImageInfo info) throws IOException {
        if (baselines.missing(info)) baselines.make(info, () -> stored(info));
    }

    private Optional<SourceImage.OnDisk> stored(ImageInfo info) throws IOException {
        String key = BlobKeys.originalKey(info.id());
        Optional<Path> file = store.localFile(key);
        if (file.isPresent() && sizeIs(key, info.bytes())) {
            return Optional.of(new SourceImage.OnDisk(file.get(), info.header()));
        }
        return readVerified(info.id(), info.header());
    }

    /** Streams the original's bytes when its size is the one recorded; the caller closes the stream. */
    public Optional<InputStream> open(String id) throws IOException {
        Optional<ImageInfo> info = info(id);
        String key = BlobKeys.originalKey(id);
        if (info.isEmpty()) return Optional.empty();
        if (!sizeIs(key, info.get().bytes())) {
            Optional<SourceImage.OnDisk> verified = readVerified(id, null);
            if (verified.isEmpty()) return Optional.empty();
            verified.get().close();
        }
        return store.get(key);
    }

    private boolean sizeIs(String key, long bytes) throws IOException {
        return store.head(key).map(m -> m.size() == bytes).orElse(false);
    }

    /**
     * The whole original, checked against its id: in place from a local store, else a temporary copy (the caller
     * closes it). A mismatch is logged, counted, removed, and reads as absent.
     */
    private Optional<SourceImage.OnDisk> readVerified(String id, ImageHeader header) throws IOException {
        Optional<SourceImage.OnDisk> read = BlobFiles.read(store, BlobKeys.originalKey(id), spoolDir, header);
        if (read.isEmpty()) return read;
        String actual;
        try (InputStream in = read.get().openStream()) {
            actual = Sha256.of(in);
        } catch (IOException | RuntimeException e) {
            read.get().close();
            throw e;
        }
        if (actual.equals(id)) return read;
        read.get().close();
        locks.locked(id, () -> discardCorrupt(id));
        return Optional.empty();
    }

    /** Removes the original and its metadata if the stored bytes still do not hash to the id (not re-stored since). */
    private Void discardCorrupt(String id) throws IOException {
        Optional<InputStream> in = store.get(BlobKeys.originalKey(id));
        if (in.isEmpty()) return null;
        String actual;
        try (InputStream s = in.get()) {
            actual = Sha256.of(s);
        }
        if (actual.equals(id)) return null;
        corrupt.increment();
        LOG.warn("image {}: the stored original hashes to {}; removed as corrupt", id, actual);
        remove(id);
        return null;
    }

    private static byte[] head(SourceImage image) throws IOException {
        try (InputStream in = image.openStream()) {
            return in.readNBytes(FormatSniffer.HEAD_BYTES);
        }
    }
}
