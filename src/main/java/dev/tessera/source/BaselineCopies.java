package dev.tessera.source;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tessera.image.ImageException;
import dev.tessera.image.ImageFormat;
import dev.tessera.image.ImageHeader;
import dev.tessera.image.ImageInfo;
import dev.tessera.image.SourceImage;
import dev.tessera.processing.Jpegtran;
import dev.tessera.processing.MemoryEstimate;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.BlobStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baseline copies of progressive JPEG originals ({@link Jpegtran}: lossless, the same pixels at every shrink), stored
 * once under {@link BlobKeys#baselineKey} as derived data (no fsync; a copy cut short by a crash lacks its end marker
 * and reads as missing). Decodes read the copy when it exists, with the original's header: whether a node has it
 * yet never changes a render's bytes, only its time and memory. Made in the owner's turn of the render pool, counted
 * at the transcode's coefficient size; a failed transcode is remembered, not retried per render.
 */
public final class BaselineCopies {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineCopies.class);
    private static final int REMEMBERED_FAILURES = 10_000;

    private final BlobStore store;
    private final Jpegtran jpegtran; // null: off
    private final RenderPool pool;
    private final Path spoolDir;
    private final Duration timeout;
    /** Copies being made, by image id: done when the attempt is over, whatever came of it. */
    private final Map<String, CompletableFuture<Void>> making = new ConcurrentHashMap<>();
    private final Cache<String, Boolean> failed = Caffeine.newBuilder().maximumSize(REMEMBERED_FAILURES).build();
    private final Counter made;
    private final Counter failures;
    private final Counter reads;

    BaselineCopies(BlobStore store, Jpegtran jpegtran, RenderPool pool, Path spoolDir, Duration timeout,
                   MeterRegistry registry) {
        this.store = store;
        this.jpegtran = jpegtran;
        this.pool = pool;
        this.spoolDir = spoolDir;
        this.timeout = timeout;
        this.made = copies(registry, "made");
        this.failures = copies(registry, "failed");
        this.reads = Counter.builder("tessera_baseline_copy_reads")
                .description("decodes of an original that read its baseline copy").register(registry);
    }

    private static Counter copies(MeterRegistry registry, String result) {
        return Counter.builder("tessera_baseline_copies").tag("result", result)
                .description("baseline copies of progressive JPEG originals, by result").register(registry);
    }

    /** Whether an original with this header gets a copy (when jpegtran is installed). */
    public static boolean worthIt(ImageHeader h) {
        return h.format() == ImageFormat.JPEG && h.progressive();
    }

    private boolean wanted(ImageInfo info) {
        return jpegtran != null && worthIt(info.header()) && failed.getIfPresent(info.id()) == null;
    }

    /** The stored copy, whole, with the original's header (the caller closes it); empty when there is none (yet). */
    Optional<SourceImage> find(ImageInfo info) throws IOException {
        Optional<SourceImage> copy = read(info).map(c -> c);
        if (copy.isPresent()) reads.increment();
        return copy;
    }

    /** True when the original gets a copy and has none yet. */
    boolean missing(ImageInfo info) throws IOException {
        if (!wanted(info)) return false;
        Optional<SourceImage.OnDisk> copy = read(info);
        copy.ifPresent(SourceImage::close);
        return copy.isEmpty();
    }

    /** In place from a local store, else a temporary copy (the caller closes it). */
    private Optional<SourceImage.OnDisk> read(ImageInfo info) throws IOException {
        if (!wanted(info)) return Optional.empty();
        Optional<SourceImage.OnDisk> copy = BlobFiles.read(store, BlobKeys.baselineKey(info.id()), spoolDir,
                info.header());
        if (copy.isEmpty() || whole(copy.get().file())) return copy;
        copy.get().close();
        return Optional.empty();
    }

    /** Reads the original when the copy's turn comes (a temporary copy of a remote store's, closed after). */
    @FunctionalInterface
    interface OriginalReader {
        Optional<SourceImage.OnDisk> read() throws IOException;
    }

    /** Starts making the copy as the pool's background work unless it is being made or failed before; never waits. */
    void makeLater(ImageInfo info, OriginalReader original) {
        CompletableFuture<Void> turn = claim(info);
        if (turn == null) return;
        Thread.ofVirtual().name("baseline-copy").start(() -> RenderPool.inBackground(() -> {
            try {
                makeInTurn(info, original);
            } finally {
                release(info, turn);
            }
        }));
    }

    /** Makes the copy now, in the owner's turn, unless it is being made or failed before. */
    void make(ImageInfo info, OriginalReader original) {
        CompletableFuture<Void> turn = claim(info);
        if (turn == null) return;
        try {
            makeInTurn(info, original);
        } finally {
            release(info, turn);
        }
    }

    /**
     * Whether the copy is stored: made now in the owner's turn when missing, after waiting for one being made. For a
     * render that fits the memory budget only as a decode in sequence; the pool's refusal (overloaded) propagates.
     */
    boolean ensure(ImageInfo info, OriginalReader original) throws IOException {
        while (missing(info)) {
            CompletableFuture<Void> turn = claim(info);
            if (turn == null) {
                CompletableFuture<Void> other = making.get(info.id());
                if (other != null) other.join();
                continue;
            }
            try {
                transcodeInTurn(info, original);
            } finally {
                release(info, turn);
            }
            return !missing(info) && wanted(info);
        }
        return wanted(info);
    }

    /** This caller's turn to make the copy, or null when it gets none or another caller is making it. */
    private CompletableFuture<Void> claim(ImageInfo info) {
        if (!wanted(info)) return null;
        CompletableFuture<Void> turn = new CompletableFuture<>();
        return making.putIfAbsent(info.id(), turn) == null ? turn : null;
    }

    private void release(ImageInfo info, CompletableFuture<Void> turn) {
        making.remove(info.id(), turn);
        turn.complete(null);
    }

    private void makeInTurn(ImageInfo info, OriginalReader original) {
        try {
            transcodeInTurn(info, original);
        } catch (RuntimeException e) { // refused now (queue full, waited too long): made on a later need
            LOG.info("baseline copy of {} not made now: {}", info.id(), e.getMessage());
        }
    }

    /** The transcode in the owner's turn; the pool's refusal propagates. */
    private void transcodeInTurn(ImageInfo info, OriginalReader original) {
        try {
            pool.run(info.tenant(), MemoryEstimate.baselineCopy(info.header()), () -> transcode(info, original));
        } catch (ImageException e) { // over the memory budget: it never fits
            remember(info, e.getMessage());
        }
    }

    private Void transcode(ImageInfo info, OriginalReader reader) throws IOException, InterruptedException {
        Optional<SourceImage.OnDisk> read = reader.read();
        if (read.isEmpty()) return null; // deleted since
        Path out = Files.createTempFile(spoolDir, "baseline-", ".jpg");
        try (SourceImage.OnDisk original = read.get()) {
            if (jpegtran.toBaseline(original.file(), out, timeout) && whole(out)) {
                store.putFileRefetchable(BlobKeys.baselineKey(info.id()), out);
                made.increment();
            } else {
                remember(info, "incomplete scans, or jpegtran failed, warned or timed out");
            }
        } finally {
            Files.deleteIfExists(out);
        }
        return null;
    }

    private void remember(ImageInfo info, String why) {
        failed.put(info.id(), Boolean.TRUE);
        failures.increment();
        LOG.info("no baseline copy of {} ({}): decoded as stored", info.id(), why);
    }

    /** Drops the image's copy (with its original). */
    void delete(String id) throws IOException {
        store.delete(BlobKeys.baselineKey(id));
        failed.invalidate(id);
    }

    /** Starts with SOI and ends with EOI: what jpegtran always writes, and what a copy cut short lacks. */
    private static boolean whole(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 4) return false;
            ByteBuffer head = ByteBuffer.allocate(2);
            ByteBuffer tail = ByteBuffer.allocate(2);
            ch.read(head, 0);
            ch.read(tail, size - 2);
            return marker(head.array(), 0, 0xd8) && marker(tail.array(), 0, 0xd9);
        }
    }

    private static boolean marker(byte[] b, int at, int code) {
        return (b[at] & 0xff) == 0xff && (b[at + 1] & 0xff) == code;
    }
}
