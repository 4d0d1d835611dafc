import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * With PROFILE_DIR set: a JFR recording of the server process over one phase (jcmd JFR.start/stop) and the CPU
 * each group of server threads used in it (from /proc, thread names with their numbers dropped). Without it,
 * nothing. Reads only the server process this bench started.
 */
final class PhaseProfile implements AutoCloseable {
    private static final String DIR = System.getenv("PROFILE_DIR");
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final long pid;
    private final String phase;
    private final Map<String, Long> before;
    private final long start = System.nanoTime();

    private PhaseProfile(long pid, String phase) throws Exception {
        this.pid = pid;
        this.phase = phase;
        this.before = threadTicks(pid);
        jcmd("JFR.start", "name=" + phase, "settings=profile");
    }

    static PhaseProfile start(long pid, String phase) throws Exception {
        return DIR == null ? null : new PhaseProfile(pid, phase);
    }

    @Override
    public void close() throws Exception {
        Map<String, Long> after = threadTicks(pid);
        double seconds = (System.nanoTime() - start) / 1e9;
        jcmd("JFR.stop", "name=" + phase, "filename=" + Path.of(DIR, phase + ".jfr").toAbsolutePath());
        StringBuilder out = new StringBuilder(String.format("server CPU by thread group, phase %s (%.1f s wall):%n",
                phase, seconds));
        long total = 0;
        Map<String, Long> used = new TreeMap<>();
        after.forEach((group, ticks) -> used.put(group, ticks - before.getOrDefault(group, 0L)));
        for (long t : used.values()) total += t;
        for (Map.Entry<String, Long> e : used.entrySet()) {
            if (e.getValue() <= 0) continue;
            out.append(String.format("  %-20s %7.2f s CPU  %5.1f %%%n", e.getKey(), e.getValue() / TICKS_PER_SECOND,
                    100.0 * e.getValue() / Math.max(1, total)));
        }
        out.append(String.format("  %-20s %7.2f s CPU (%.0f %% of one core)%n", "total", total / TICKS_PER_SECOND,
                100.0 * total / TICKS_PER_SECOND / seconds));
        System.out.print(out);
        Files.writeString(Path.of(DIR, phase + "-threads.txt"), out);
    }

    /** utime + stime per thread group; threads that ended meanwhile are lost (the JVM's are long-lived). */
    private static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", "" + pid, "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                ticks.merge(name.replaceAll("[0-9]+", "#"), used, Long::sum);
            }
        }
        return ticks;
    }

    private void jcmd(String... args) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String[] command = Stream.concat(Stream.of(jcmd, "" + pid), Stream.of(args)).toArray(String[]::new);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + ": " + output);
    }
}
