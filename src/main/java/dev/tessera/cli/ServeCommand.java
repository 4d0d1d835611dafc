package dev.tessera.cli;

import dev.tessera.config.ConfigException;
import dev.tessera.config.ConfigLoader;
import dev.tessera.config.TesseraConfig;
import dev.tessera.server.TesseraServer;
import dev.tessera.vips.Vips;
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
        TesseraServer server = TesseraServer.start(cfg);
        System.out.println(startupLine(cfg, server.port(), Vips.version()));
        err.println("tessera: started in " + server.startSteps() + "; before it: JVM to serve " + jvmMs
                + " ms, config " + configMs + " ms");
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
