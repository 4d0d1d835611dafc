package dev.tessera.remote;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fetcher built by its first fetch, not at start: the origin client (Jetty's HttpClient, the TLS trust store)
 * and the source cache's scan of the store stay off the service's start path. A failed build fails that fetch;
 * the next one builds again.
 */
final class BuiltOnFirstUse implements RemoteSources {
    /** {@link Builder#build()}. */
    interface Build {
        RemoteSources build() throws IOException;
    }

    private final Build build;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile RemoteSources built;
    private boolean closed;

    BuiltOnFirstUse(Build build) {
        this.build = build;
    }

    @Override
    public Fetched fetch(URI url, String tenant, long deadlineNanos) throws IOException {
        RemoteSources sources = built;
        return (sources != null ? sources : built()).fetch(url, tenant, deadlineNanos);
    }

    @Override
    public String admissionKey(URI url, String tenant) throws IOException {
        RemoteSources sources = built;
        return (sources != null ? sources : built()).admissionKey(url, tenant);
    }

    private RemoteSources built() throws IOException {
        lock.lock();
        try {
            if (closed) throw new IOException("the remote fetcher is closed");
            if (built == null) built = build.build();
            return built;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws Exception {
        lock.lock();
        try {
            closed = true;
            if (built != null) built.close();
        } finally {
            lock.unlock();
        }
    }
}
