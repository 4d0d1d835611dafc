package dev.tessera.cli;

import dev.tessera.loadtest.LoadtestCommand;
import dev.tessera.loadtest.WarmCommand;
import java.util.Arrays;
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
        ServeCommand plain = ServeCommand.plain(args);
        if (plain != null) System.exit(plain.run());
        // the AOT training without picocli too: the classes of its model (every subcommand's) would be archived
        if (args.length == 1 && args[0].equals(TrainCommand.NAME)) System.exit(new TrainCommand().run());
        System.exit(commandLine(args).execute(serve(args) ? Arrays.copyOfRange(args, 1, args.length) : args));
    }

    /** {@code serve} alone: picocli's model of every subcommand (their options, converters, clients) slows the start. */
    static CommandLine commandLine(String[] args) {
        return serve(args) ? new CommandLine(new ServeCommand()) : new CommandLine(new Main());
    }

    private static boolean serve(String[] args) {
        return args.length > 0 && args[0].equals("serve");
    }
}
