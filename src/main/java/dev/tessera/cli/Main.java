package dev.tessera.cli;

import dev.tessera.loadtest.LoadtestCommand;
import dev.tessera.loadtest.WarmCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tessera} command line. */
@Command(name = "tessera", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "On-demand image service on libvips.",
        subcommands = {ServeCommand.class, SignCommand.class, LoadtestCommand.class, WarmCommand.class,
                MigrateCommand.class, VerifyCommand.class, ClusterCommand.class, TrainCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
