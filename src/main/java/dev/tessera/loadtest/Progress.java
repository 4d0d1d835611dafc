package dev.tessera.loadtest;

import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Calls {@code everySecond} once a second with the seconds elapsed and shows the line it returns: rewritten in
 * place with {@code \r} on a terminal, otherwise printed once every 5 seconds.
 */
final class Progress implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("progress").factory());
    private final PrintWriter out;
    private final boolean terminal;
    private long seconds;

    Progress(PrintWriter out, LongFunction<String> everySecond) {
        this.out = out;
        Console console = System.console();
        // since JDK 22 System.console() may be non-null for redirected output: isTerminal() tells
        this.terminal = console != null && console.isTerminal();
        timer.scheduleAtFixedRate(() -> show(everySecond.apply(++seconds)), 1, 1, TimeUnit.SECONDS);
    }

    private void show(String line) {
        if (terminal) {
            out.print("\r" + line + "\033[K");
            out.flush();
        } else if (seconds % 5 == 0) {
            out.println(line);
            out.flush();
        }
    }

    /** Stops the updates and clears the line on a terminal. */
    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        if (terminal) out.print("\r\033[K");
        out.flush();
    }
}
