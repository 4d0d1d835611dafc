package dev.tessera.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** libjpeg-turbo's command-line tools, run by tests to make progressive JPEG fixtures. */
public final class JpegtranRuns {
    /** A scan script whose AC scans are never refined (Al = 1 to the end): libjpeg smooths such an image. */
    private static final String UNREFINED_SCANS = "0,1,2: 0-0, 0, 0;\n0: 1-63, 0, 1;\n1: 1-63, 0, 1;\n2: 1-63, 0, 1;\n";

    private JpegtranRuns() {}

    /** Runs a command to completion within a minute and asserts it exited 0. */
    public static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }

    /** A valid progressive copy of {@code from} in {@code dir} whose coefficients are never sent in full. */
    public static Path unrefinedProgressive(Path dir, Path from) throws Exception {
        Path scans = Files.writeString(dir.resolve("scans.txt"), UNREFINED_SCANS);
        Path incomplete = dir.resolve("incomplete.jpg");
        run("jpegtran", "-scans", scans.toString(), "-copy", "all", "-outfile", incomplete.toString(), from.toString());
        return incomplete;
    }
}
