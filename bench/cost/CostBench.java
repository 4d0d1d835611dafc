// Cost benchmark (issue 10): expensive requests, 20x overload and memory bombs against one Tessera server each,
// all on 127.0.0.1, every load bounded in count and time. See bench/cost/README.md.
// Run: bench/cost/run [--quick] [--no-pin] [--only attack|overload|memory] [--record LABEL] [--port N] [--memory-mb N]
import harness.Scenarios;
import harness.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

public class CostBench {
    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        Path root = Path.of("").toAbsolutePath();   // ./tessera runs from the repository root
        boolean quick = false, pin = true;
        String only = null, record = null;
        int port = 18780, memoryMb = 1024;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--no-pin" -> pin = false;
                case "--only" -> only = args[++i];
                case "--record" -> record = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--memory-mb" -> memoryMb = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (see bench/cost/README.md)");
            }
        }
        if (only != null && !Set.of("attack", "overload", "memory").contains(only)) {
            throw new IllegalArgumentException("--only takes attack, overload or memory");
        }
        Path out = root.resolve("bench/cost/out");
        Path images = out.resolve("images");
        run("bash", root.resolve("bench/cost/images.sh").toString(), images.toString(), corpus.resolve("photos").toString());

        String header = header(quick, memoryMb);
        System.out.println(header);
        Scenarios scenarios = new Scenarios(root, out, images, port, memoryMb, quick, pin);
        List<Table> tables = new ArrayList<>();
        if (only == null || only.equals("attack")) tables.add(print(scenarios.attack()));
        if (only == null || only.equals("overload")) tables.add(print(scenarios.overload()));
        if (only == null || only.equals("memory")) tables.add(print(scenarios.memory()));

        StringBuilder md = new StringBuilder(header).append("\n\n");
        tables.forEach(t -> md.append(t.markdown()).append('\n'));
        Files.writeString(out.resolve("last.md"), md);
        if (record != null) {
            Files.writeString(root.resolve("bench/cost/RESULTS.md"), "\n## " + record + ": " + md,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.println("appended to bench/cost/RESULTS.md as \"" + record + "\"");
        }
    }

    private static Table print(Table t) {
        System.out.println(t.markdown());
        return t;
    }

    /** Date, mode and machine: what makes two runs comparable. */
    private static String header(boolean quick, int memoryMb) throws Exception {
        return "%s, %s mode, %d cores, load average at start %s, git %s, TESSERA_RENDER_MEMORY_MB=%d".formatted(
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                quick ? "quick" : "full", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0], run("git", "describe", "--always", "--dirty").strip(),
                memoryMb);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed");
        return output;
    }
}
