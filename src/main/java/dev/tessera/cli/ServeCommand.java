package dev.tessera.cli;

import dev.tessera.config.ConfigLoader;
import dev.tessera.config.TesseraConfig;
import dev.tessera.server.TesseraServer;
import dev.tessera.vips.Vips;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the HTTP service.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", description = "YAML configuration file (also TESSERA_CONFIG).")
    Path config;

    @Option(names = "--port", description = "Port to listen on (overrides TESSERA_PORT).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (port != null) env.put("TESSERA_PORT", port.toString());
        Path file = config != null ? config : env.containsKey("TESSERA_CONFIG") ? Path.of(env.get("TESSERA_CONFIG")) : null;
        TesseraConfig cfg;
        try {
            cfg = ConfigLoader.load(file, env);
        } catch (IllegalArgumentException e) {
            System.err.println("tessera: " + e.getMessage());
            return 2;
        }
        TesseraServer server = TesseraServer.start(cfg);
        System.out.printf("tessera listening on http://%s:%d (storage %s, libvips %s, %d render threads)%n",
                cfg.host(), server.port(), cfg.storage().kind(), Vips.version(), cfg.render().effectiveThreads());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
