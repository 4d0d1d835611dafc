package dev.tessera.processing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * libjpeg-turbo's {@code jpegtran}, run as a child process (its library's default error handler exits the process,
 * so it is never loaded in ours): transcodes a JPEG losslessly to baseline with optimised Huffman tables and every
 * marker kept. The DCT coefficients are copied as they are, so the copy decodes to the same pixels at every
 * shrink-on-load, without the whole-image coefficient buffer a progressive decode needs.
 */
public final class Jpegtran {
    private final Path executable;

    Jpegtran(Path executable) {
        this.executable = executable;
    }

    /** The {@code jpegtran} on the PATH, or empty when it is not installed (Debian: libjpeg-turbo-progs). */
    public static Optional<Jpegtran> onPath() {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, "jpegtran");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(new Jpegtran(candidate));
        }
        return Optional.empty();
    }

    /**
     * Writes the baseline copy of the progressive JPEG {@code in} to {@code out}; true only when it decodes to the
     * same pixels: the scans send every coefficient in full ({@link ScanScript}) and jpegtran exits 0 within
     * {@code timeout} (it exits 2 on a warning, such as a truncated or corrupt scan). Killed at the timeout.
     */
    public boolean toBaseline(Path in, Path out, Duration timeout) throws IOException, InterruptedException {
        if (!ScanScript.complete(in)) return false;
        Process p = new ProcessBuilder(executable.toString(), "-copy", "all", "-optimize", "-outfile", out.toString(),
                in.toString()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) return false;
            return p.exitValue() == 0;
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor();
            }
        }
    }
}
