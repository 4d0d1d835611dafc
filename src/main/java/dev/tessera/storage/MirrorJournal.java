package dev.tessera.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The keys whose secondary copy is behind the primary, one small file per key, fsynced before a write is
 * acknowledged. Reopening the directory after a crash brings every pending key back.
 */
final class MirrorJournal {
    private final Path dir;
    /** Pending keys and the sequence number of their latest write; file I/O runs under the key's map lock. */
    private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    MirrorJournal(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().endsWith(".part")) Files.deleteIfExists(f);
                else pending.put(Files.readString(f, StandardCharsets.UTF_8), sequence.incrementAndGet());
            }
        }
    }

    /** Durably records that {@code key} must be copied (or deleted) on the secondary; returns the entry's sequence. */
    long add(String key) throws IOException {
        try {
            return pending.compute(key, (k, old) -> {
                write(k);
                return sequence.incrementAndGet();
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Drops the entry unless the key was written again after {@code seq} was read. */
    void remove(String key, long seq) throws IOException {
        try {
            pending.computeIfPresent(key, (k, current) -> {
                if (current != seq) return current;
                try {
                    Files.deleteIfExists(entry(k));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The sequence of the key's pending entry, or empty. */
    Optional<Long> sequence(String key) {
        return Optional.ofNullable(pending.get(key));
    }

    private void write(String key) {
        try {
            Path entry = entry(key);
            Path tmp = dir.resolve(entry.getFileName() + ".part");
            Files.writeString(tmp, key, StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean contains(String key) {
        return pending.containsKey(key);
    }

    List<String> pending() {
        return List.copyOf(pending.keySet());
    }

    int size() {
        return pending.size();
    }

    private Path entry(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
