package dev.tessera.cli;

import dev.tessera.storage.BlobStore;
import dev.tessera.storage.ConfiguredStores;
import dev.tessera.storage.Migration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Copy originals, metadata and ownership from one store to another; resumable and idempotent.")
final class MigrateCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "STORE",
            description = "fs:DIR or s3://BUCKET[/PREFIX]?endpoint=URL&pathStyle=true&region=R "
                    + "(credentials from TESSERA_S3_ACCESS_KEY/TESSERA_S3_SECRET_KEY or the AWS default chain)")
    String from;

    @Option(names = "--to", required = true, paramLabel = "STORE", description = "The target, as --from.")
    String to;

    @Option(names = "--threads", defaultValue = "8", description = "Objects copied at once (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--renditions", description = "Copy cached renditions too.")
    boolean renditions;

    @Override
    public Integer call() throws Exception {
        try (BlobStore source = ConfiguredStores.open(from, System.getenv());
                BlobStore target = ConfiguredStores.open(to, System.getenv())) {
            Migration.Summary s = new Migration(source, target, threads, renditions).run(System.err);
            System.out.printf("migrated %d objects: %d copied (%.1f MB), %d already there, %d failed, in %.1fs%n",
                    s.total(), s.copied(), s.bytes() / 1e6, s.skipped(), s.failed(), s.took().toMillis() / 1e3);
            return s.complete() ? 0 : 1;
        } catch (IllegalArgumentException e) {
            System.err.println("tessera migrate: " + e.getMessage());
            return 2;
        }
    }
}
