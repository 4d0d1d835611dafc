package dev.tessera.server;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * A node's graceful stop. {@link #begin} turns {@code /ready} to 503 while every route keeps serving; after the
 * drain delay the server stops: Jetty's graceful stop closes the listener and waits for in-flight requests (up to
 * its stop timeout) before it closes the connections.
 */
final class Drain {
    private final Duration delay;
    private final CountDownLatch begun = new CountDownLatch(1);

    Drain(Duration delay) {
        this.delay = delay;
    }

    void begin() {
        begun.countDown();
    }

    boolean draining() {
        return begun.getCount() == 0;
    }

    /** Sleeps through the drain delay. */
    void awaitDelay() throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(delay.toNanos());
    }

    /** Lets {@code server.stop()} wait up to {@code inFlight} for the requests it is serving. */
    static void graceful(Server server, Duration inFlight) {
        server.setHandler(new GracefulHandler());
        server.setStopTimeout(inFlight.toMillis());
    }
}
