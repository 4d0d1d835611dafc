package dev.tessera.processing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.vips.VipsImage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Decoded frames of sources that many renders read in turn (mezzanines), kept in memory briefly so that the next
 * render of the same source at the same shrink-on-load skips the decode. A kept frame is the decoder's output
 * computed into memory, the very pixels a fresh decode gives, so what is kept never changes a render's bytes.
 * A source's first render streams its decode as any render does (a one-off, such as the first rendition after
 * an upload, pays nothing for keeping); the second within the idle time keeps it. So does a new mezzanine's
 * {@link HalfDecode} measure, for the renditions that follow it (made on a GET, or just after an upload).
 * Handed over apart: an upload check's decode of a JPEG original, for one render to take (its mezzanine's), in a
 * bound of its own so that kept frames, read more often, never push it out. Each bounded in bytes; a frame unused
 * for the idle time is dropped (its memory freed once no render reads it).
 */
public final class DecodedFrames implements AutoCloseable {
    /** Keeps nothing. */
    public static final DecodedFrames NONE = new DecodedFrames(0, Duration.ZERO, Ticker.systemTicker());
    private static final int SEEN = 1024;

    private final long maxBytes;
    private final Cache<String, Kept> frames;
    /** Decodes handed over for one render to {@link #take}. */
    private final Cache<String, Kept> handedOver;
    /** Frames decoded once lately, not kept: the next decode of one is kept. */
    private final Cache<String, Boolean> seen;
    private final LongAdder reused = new LongAdder();

    /** {@code maxBytes}: the bound of kept frames, and that of decodes handed over. */
    public DecodedFrames(long maxBytes, Duration idle) {
        this(maxBytes, idle, Ticker.systemTicker());
    }

    DecodedFrames(long maxBytes, Duration idle, Ticker ticker) {
        this.maxBytes = maxBytes;
        this.frames = bounded(maxBytes, idle, ticker);
        this.handedOver = bounded(maxBytes, idle, ticker);
        this.seen = Caffeine.newBuilder().maximumSize(SEEN)
                .expireAfterAccess(idle.isZero() ? Duration.ofNanos(1) : idle).ticker(ticker).build();
    }

    private static Cache<String, Kept> bounded(long maxBytes, Duration idle, Ticker ticker) {
        return Caffeine.newBuilder().maximumWeight(Math.max(0, maxBytes))
                .weigher((String key, Kept k) -> (int) Math.min(Integer.MAX_VALUE, k.bytes))
                .expireAfterAccess(idle.isZero() ? Duration.ofNanos(1) : idle).ticker(ticker)
                .scheduler(Scheduler.systemScheduler()).executor(Runnable::run)
                .removalListener((String key, Kept k, RemovalCause cause) -> { if (k != null) k.drop(); }).build();
    }

    /** Whether frames are kept at all. */
    boolean keeps() {
        return maxBytes > 0;
    }

    /**
     * A reference of the caller's own to the frame kept under {@code key}; else {@code decode}'s image, as it is
     * the first time lately, then computed into memory now and kept when it fits. Two renders that miss at once
     * both decode (the same pixels).
     */
    VipsImage frame(String key, Supplier<VipsImage> decode) {
        Kept kept = frames.getIfPresent(key);
        VipsImage shared = kept == null ? null : kept.share();
        if (shared != null) {
            reused.increment();
            return shared;
        }
        if (seen.asMap().putIfAbsent(key, Boolean.TRUE) == null) return decode.get();
        VipsImage pixels = decode.get().copyMemory();
        long bytes = bytes(pixels);
        if (bytes > maxBytes) return pixels;
        frames.put(key, new Kept(pixels.share(), bytes));
        return pixels;
    }

    /** Whether a frame of this many bytes can be kept at all. */
    public boolean fits(long bytes) {
        return keeps() && bytes <= maxBytes;
    }

    /** The key of a source's frame decoded with a shrink on load of {@code shrink}. */
    static String key(String sourceName, int shrink) {
        return sourceName + "@" + shrink;
    }

    /**
     * Keeps {@code pixels} (a decode computed into memory: the caller keeps its own reference) under {@code key} for
     * renders to share, as if one had decoded it, unless larger than the bound: a new mezzanine's faithful half.
     */
    void keep(String key, VipsImage pixels) {
        long bytes = bytes(pixels);
        if (fits(bytes)) frames.put(key, new Kept(pixels.share(), bytes));
    }

    /**
     * Keeps {@code pixels} (as {@link #keep}) under {@code key} for one render to {@link #take}, unless larger than
     * the bound: the upload check's decode of an original, for its mezzanine.
     */
    void handOver(String key, VipsImage pixels) {
        long bytes = bytes(pixels);
        if (fits(bytes)) handedOver.put(key, new Kept(pixels.share(), bytes));
    }

    /** A reference of the caller's own to the decode handed over under {@code key}, no longer kept; null if none. */
    VipsImage take(String key) {
        Kept kept = handedOver.getIfPresent(key);
        VipsImage shared = kept == null ? null : kept.share();
        if (shared == null) return null;
        handedOver.asMap().remove(key, kept);
        reused.increment();
        return shared;
    }

    /** Bytes of pixels kept now, handed over or not (after pending evictions). */
    public long bytesKept() {
        return weight(frames) + weight(handedOver);
    }

    private static long weight(Cache<String, Kept> cache) {
        cache.cleanUp();
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    /** Renders that took a kept frame instead of decoding (a mezzanine that took the upload check's included). */
    public long reused() {
        return reused.sum();
    }

    /** Drops every kept frame (renders still reading one hold their own reference). */
    @Override
    public void close() {
        seen.invalidateAll();
        for (Cache<String, Kept> cache : List.of(frames, handedOver)) {
            cache.invalidateAll();
            cache.cleanUp();
        }
    }

    private static long bytes(VipsImage pixels) {
        return (long) pixels.width() * pixels.height() * pixels.bands() * bytesPerSample(pixels);
    }

    private static int bytesPerSample(VipsImage image) {
        return switch (image.bandFormat()) {
            case "uchar", "char" -> 1;
            case "ushort", "short" -> 2;
            case "double", "dpcomplex" -> 8;
            default -> 4;
        };
    }

    /** One kept frame: its own reference, released once (renders that share it hold theirs). */
    private static final class Kept {
        private final VipsImage image;
        private final long bytes;
        private boolean dropped;

        Kept(VipsImage image, long bytes) {
            this.image = image;
            this.bytes = bytes;
        }

        synchronized VipsImage share() {
            return dropped ? null : image.share();
        }

        synchronized void drop() {
            dropped = true;
            image.close();
        }
    }
}
