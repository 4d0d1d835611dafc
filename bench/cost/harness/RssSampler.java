package harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak resident memory of one process: its VmHWM (reset through clear_refs) and VmRSS sampled every 50 ms,
 * in case the kernel does not let the high-water mark be reset.
 */
final class RssSampler {
    private final Path status;
    private final Path clearRefs;
    private final Thread thread;
    private final AtomicLong sampledPeakKb = new AtomicLong();

    RssSampler(long pid) {
        status = Path.of("/proc", Long.toString(pid), "status");
        clearRefs = Path.of("/proc", Long.toString(pid), "clear_refs");
        thread = Thread.ofPlatform().daemon().name("rss-sampler").unstarted(this::sample);
    }

    void start() {
        thread.start();
    }

    void stop() {
        thread.interrupt();
    }

    void reset() {
        try {
            Files.writeString(clearRefs, "5");
        } catch (IOException e) {
            // without the reset, VmHWM covers the whole life of the process; the samples still reset
        }
        sampledPeakKb.set(read("VmRSS:"));
    }

    double peakMb() {
        return Math.max(read("VmHWM:"), sampledPeakKb.get()) / 1024.0;
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            sampledPeakKb.accumulateAndGet(read("VmRSS:"), Math::max);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A "kB" field of /proc/PID/status; 0 once the process is gone. */
    private long read(String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) return Long.parseLong(line.substring(field.length()).strip().split("\\s+")[0]);
            }
        } catch (IOException | NumberFormatException gone) {
            // the process has exited
        }
        return 0;
    }
}
