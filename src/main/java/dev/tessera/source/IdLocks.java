package dev.tessera.source;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** One lock per image id, held while the id's objects are checked and changed; unused locks are dropped. */
final class IdLocks {
    interface IoAction<T> {
        T run() throws IOException;
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users; // changed only inside the map's compute, which is atomic per id
    }

    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

    <T> T locked(String id, IoAction<T> action) throws IOException {
        Entry entry = locks.compute(id, (k, e) -> {
            Entry held = e == null ? new Entry() : e;
            held.users++;
            return held;
        });
        entry.lock.lock();
        try {
            return action.run();
        } finally {
            entry.lock.unlock();
            locks.computeIfPresent(id, (k, e) -> --e.users == 0 ? null : e);
        }
    }
}
