package dev.tessera.cli;

import dev.tessera.config.ConfigLoader;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.ConfiguredStores;
import dev.tessera.storage.Verification;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-hash every original against its id; report corrupt, missing and orphaned objects.")
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "STORE",
            description = "fs:DIR or s3://BUCKET?... (default: the configured store; a mirror's both sides)")
    String store;

    @Option(names = "--mirror", paramLabel = "STORE", description = "The other copy to compare with and repair from.")
    String mirror;

    @Option(names = "--repair", description = "Restore what is corrupt or missing from the other copy.")
    boolean repair;

    @Option(names = "--config", description = "YAML configuration file (also TESSERA_CONFIG).")
    Path config;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        List<BlobStore> stores = new ArrayList<>();
        try {
            if (store != null) {
                stores.add(ConfiguredStores.open(store, env));
                if (mirror != null) stores.add(ConfiguredStores.open(mirror, env));
            } else {
                Path file = config != null ? config : env.containsKey("TESSERA_CONFIG") ? Path.of(env.get("TESSERA_CONFIG")) : null;
                stores.addAll(ConfiguredStores.sides(ConfigLoader.load(file, env).storage()));
            }
            return verify(stores);
        } catch (IllegalArgumentException e) {
            System.err.println("tessera verify: " + e.getMessage());
            return 2;
        } finally {
            for (BlobStore s : stores) s.close();
        }
    }

    /** Checks the first store against the second, then (for a mirror) the second against the first. */
    private int verify(List<BlobStore> stores) throws IOException {
        List<Verification.Problem> left = new ArrayList<>();
        for (int i = 0; i < (store != null ? 1 : stores.size()); i++) {
            BlobStore reference = stores.size() > 1 ? stores.get(1 - i) : null;
            List<Verification.Problem> problems = new Verification(stores.get(i), reference).run(repair);
            for (Verification.Problem p : problems) {
                System.out.println((i == 0 ? "store" : "mirror") + ": " + p);
                if (!p.repaired()) left.add(p);
            }
            System.out.printf("%s: %d problems, %d repaired%n", i == 0 ? "store" : "mirror", problems.size(),
                    problems.stream().filter(Verification.Problem::repaired).count());
        }
        return left.isEmpty() ? 0 : 1;
    }
}
