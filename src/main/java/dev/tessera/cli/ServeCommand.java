package dev.tessera.cli;

import dev.tessera.config.ConfigException;
import dev.tessera.config.ConfigLoader;
import dev.tessera.config.TesseraConfig;
import dev.tessera.scheduling.JitLowering;
import dev.tessera.server.TesseraServer;
import dev.tessera.vips.Vips;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the HTTP service.")
final class ServeCommand implements Callable<Integer> {
    /** The exit status for a configuration the service refuses. */
    static final int BAD_CONFIG = 2;

    @Option(names = "--config", description = "YAML configuration file (also TESSERA_CONFIG).")
    Path config;

    @Option(names = "--port", description = "Port to listen on (overrides TESSERA_PORT).")
    Integer port;

    private final Map<String, String> environment;
    private final PrintStream err;

    ServeCommand() {
        this(System.getenv(), System.err);
    }

    ServeCommand(Map<String, String> environment, PrintStream err) {
        this.environment = environment;
        this.err = err;
    }

    /**
     * {@code serve} with at most {@code --config FILE} and {@code --port N} (also {@code --opt=value}), parsed without
     * picocli: its classes (Java 5 bytecode) stay out of the JVM's AOT cache, and its model cost the start 0.1-0.3 s.
     * Null for anything else (help, version, a bad or repeated option, an {@code @file}): picocli handles those.
     */
    static ServeCommand plain(String[] args) {
        if (args.length == 0 || !args[0].equals("serve")) return null;
        ServeCommand serve = new ServeCommand();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            String value = eq > 0 ? arg.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
            if (value == null || value.startsWith("@") || arg.startsWith("@")) return null;
            if (name.equals("--config") && serve.config == null) {
                serve.config = Path.of(value);
            } else if (name.equals("--port") && serve.port == null && value.matches("\\d{1,9}")) {
                serve.port = Integer.valueOf(value);
            } else {
                return null;
            }
        }
        return serve;
    }

    @Override
    public Integer call() throws Exception {
        long jvmMs = msSinceProcessStart();
        // libvips starts (modules, types) while the configuration loads; TesseraServer's Vips.init() waits for it
        Thread.ofPlatform().daemon().name("vips-init").start(ServeCommand::initVips);
        Map<String, String> env = new HashMap<>(environment);
        if (port != null) env.put("TESSERA_PORT", port.toString());
        Path file = config != null ? config : env.containsKey("TESSERA_CONFIG") ? Path.of(env.get("TESSERA_CONFIG")) : null;
        TesseraConfig cfg;
        long configStart = System.nanoTime();
        try {
            cfg = ConfigLoader.load(file, env);
        } catch (ConfigException e) {
            e.problems().forEach(problem -> err.println("tessera: config: " + problem));
            return BAD_CONFIG;
        }
        long configMs = (System.nanoTime() - configStart) / 1_000_000;
        TesseraServer server = TesseraServer.start(cfg, new FileOutputStream(FileDescriptor.out).getChannel());
        System.out.println(startupLine(cfg, server.port(), Vips.version()));
        if (!Vips.vectorPaths()) {
            err.println("tessera: libvips' vector code off: liborcguard.so is not preloaded (./tessera serve builds it"
                    + " with a C compiler and preloads it); reduces take up to 2x longer");
        }
        err.println("tessera: started in " + server.startSteps() + "; before it: JVM to serve " + jvmMs
                + " ms, config " + configMs + " ms");
        JitLowering.lowerOnceWarm(threads -> err.println("tessera: warm after " + msSinceProcessStart() / 1000 + " s: "
                + threads + " JIT compiler threads now at nice 19"));
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        stop.await();
        err.println("tessera: stopping: /ready answers 503, draining for " + cfg.cluster().drainDelayMs() + " ms");
        server.drainAndClose();
        err.println("tessera: stopped");
        return 0;
    }

    private static void initVips() {
        try {
            Vips.init();
        } catch (RuntimeException | LinkageError e) {
            // the server's own Vips.init() fails the start with this error
        }
    }

    /** Since the JVM started, in ms (the process's own start time is kept in whole seconds on Linux). */
    private static long msSinceProcessStart() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    static String startupLine(TesseraConfig cfg, int port, String vipsVersion) {
        return String.format("tessera listening on http://%s:%d (storage %s, libvips %s, %d render threads; %s)",
                cfg.host(), port, cfg.storage().kind(), vipsVersion, cfg.render().effectiveThreads(),
                cfg.securityMode());
    }
}
