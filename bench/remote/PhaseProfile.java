import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * With PROFILE_DIR set: the CPU each group of server threads used over one phase (thread names with their numbers
 * dropped, with their nice values), and per second of the phase: how busy the server's CPU was (all processes,
 * /proc/stat), how long the render threads ran and how long they were runnable but waited for the CPU
 * (/proc/.../schedstat), and which other thread groups ran most in that second. PROFILE_JFR=on adds a JFR recording
 * (jcmd; its own threads then run on the server's CPU too). PROFILE_PERF=PHASE adds `perf sched record` of the
 * server's CPU over that phase (root). Without PROFILE_DIR, nothing. Reads only the server process this bench started.
 */
final class PhaseProfile implements AutoCloseable {
    private static final String DIR = System.getenv("PROFILE_DIR");
    private static final boolean JFR = "on".equals(System.getenv("PROFILE_JFR"));
    private static final String PERF = System.getenv().getOrDefault("PROFILE_PERF", "");

    /** One thread group's run and run-queue wait (ns, from schedstat), and the nice values seen in it. */
    record Use(long runNs, long waitNs, String nice) {
        Use minus(Use before) {
            return before == null ? this : new Use(runNs - before.runNs, waitNs - before.waitNs, nice);
        }
    }

    private final long pid;
    private final String phase;
    private final Map<String, Use> before;
    private final long start;
    private final List<String> seconds = new ArrayList<>();
    private final Thread sampler;
    private final Process perf;

    private PhaseProfile(long pid, String phase) throws Exception {
        this.pid = pid;
        this.phase = phase;
        if (JFR) jcmd("JFR.start", "name=" + phase, "settings=profile");
        perf = PERF.equals(phase) ? new ProcessBuilder("taskset", "-c", System.getenv().getOrDefault("CLIENT_CPUS", "0"),
                "perf", "sched", "record", "-C", RemoteBench.SERVER_CPUS, "-o", Path.of(DIR, phase + ".perf").toString())
                .redirectErrorStream(true).redirectOutput(Path.of(DIR, phase + ".perf.log").toFile()).start() : null;
        this.before = threadUse(pid);
        this.start = System.nanoTime();
        sampler = Thread.ofPlatform().daemon().start(this::sampleEverySecond);
    }

    static PhaseProfile start(long pid, String phase) throws Exception {
        if (DIR == null) return null;
        Files.createDirectories(Path.of(DIR)); // else the first phase's report fails the run after it
        return new PhaseProfile(pid, phase);
    }

    private void sampleEverySecond() {
        try {
            Map<String, Use> last = before;
            long[] cpuLast = cpuTicks();
            for (int s = 0; ; s++) {
                Thread.sleep(Math.max(0, (start + (s + 1) * 1_000_000_000L - System.nanoTime()) / 1_000_000));
                Map<String, Use> now = threadUse(pid);
                long[] cpuNow = cpuTicks();
                seconds.add(second(s, last, now, cpuLast, cpuNow));
                last = now;
                cpuLast = cpuNow;
            }
        } catch (InterruptedException | IOException end) {
            // the phase is over (or the server is gone)
        }
    }

    /** "s: cpu busy % | render run / wait ms | the three other groups that ran most, ms". */
    private static String second(int s, Map<String, Use> last, Map<String, Use> now, long[] cpuLast, long[] cpuNow) {
        long busy = cpuNow[0] - cpuLast[0], all = Math.max(1, cpuNow[1] - cpuLast[1]);
        Map<String, Use> used = new TreeMap<>();
        now.forEach((group, use) -> used.put(group, use.minus(last.get(group))));
        Use render = used.getOrDefault("render-#", new Use(0, 0, ""));
        String others = used.entrySet().stream().filter(e -> !e.getKey().equals("render-#"))
                .sorted(Map.Entry.<String, Use>comparingByValue((a, b) -> Long.compare(b.runNs, a.runNs))).limit(3)
                .map(e -> String.format("%s %.0f", e.getKey(), e.getValue().runNs / 1e6)).collect(Collectors.joining(", "));
        return String.format("  %2d s: cpu %3.0f %% | render run %4.0f wait %4.0f ms | %s%n", s, 100.0 * busy / all,
                render.runNs / 1e6, render.waitNs / 1e6, others);
    }

    @Override
    public void close() throws Exception {
        sampler.interrupt();
        sampler.join();
        Map<String, Use> after = threadUse(pid);
        double wall = (System.nanoTime() - start) / 1e9;
        if (JFR) jcmd("JFR.stop", "name=" + phase, "filename=" + Path.of(DIR, phase + ".jfr").toAbsolutePath());
        if (perf != null) {
            perf.destroy();
            perf.waitFor();
        }
        StringBuilder out = new StringBuilder(String.format("server CPU by thread group (nice), phase %s (%.1f s wall); "
                + "wait: runnable but not running:%n", phase, wall));
        long total = 0;
        Map<String, Use> used = new TreeMap<>();
        after.forEach((group, use) -> used.put(group, use.minus(before.get(group))));
        for (Use u : used.values()) total += u.runNs;
        for (Map.Entry<String, Use> e : used.entrySet()) {
            Use u = e.getValue();
            if (u.runNs <= 0) continue;
            out.append(String.format("  %-20s (%s) %7.2f s CPU %5.1f %%, wait %6.2f s%n", e.getKey(), u.nice,
                    u.runNs / 1e9, 100.0 * u.runNs / Math.max(1, total), u.waitNs / 1e9));
        }
        out.append(String.format("  %-20s %7.2f s CPU (%.0f %% of one core)%n", "total", total / 1e9,
                100.0 * total / 1e9 / wall));
        out.append("per second:\n");
        seconds.forEach(out::append);
        System.out.print(out);
        Files.writeString(Path.of(DIR, phase + "-threads.txt"), out);
    }

    /** schedstat run and wait ns per thread group; threads that ended meanwhile are lost (the JVM's are long-lived). */
    private static Map<String, Use> threadUse(long pid) throws IOException {
        Map<String, Use> use = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", "" + pid, "task"))) {
            for (Path task : tasks.toList()) {
                String stat, sched;
                try {
                    stat = Files.readString(task.resolve("stat"));
                    sched = Files.readString(task.resolve("schedstat")).strip();
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                String nice = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16];
                String[] times = sched.split(" ");
                use.merge(name, new Use(Long.parseLong(times[0]), Long.parseLong(times[1]), nice), (a, b) -> new Use(
                        a.runNs + b.runNs, a.waitNs + b.waitNs, a.nice.contains(b.nice) ? a.nice : a.nice + "," + b.nice));
            }
        }
        return use;
    }

    /** The server CPU's busy and total ticks (/proc/stat; the first CPU of SERVER_CPUS). */
    private static long[] cpuTicks() throws IOException {
        String cpu = "cpu" + RemoteBench.SERVER_CPUS.split("[,-]")[0] + " ";
        String line = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith(cpu)).findFirst()
                .orElseThrow();
        long[] f = Stream.of(line.substring(cpu.length()).trim().split(" +")).mapToLong(Long::parseLong).toArray();
        long total = 0;
        for (int i = 0; i < 8; i++) total += f[i];
        return new long[] {total - f[3] - f[4], total};
    }

    private void jcmd(String... args) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String[] command = Stream.concat(Stream.of(jcmd, "" + pid), Stream.of(args)).toArray(String[]::new);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + ": " + output);
    }
}
