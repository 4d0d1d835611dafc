package dev.tessera.cli;

import dev.tessera.loadtest.LoadtestCommand;
import dev.tessera.loadtest.WarmCommand;
import java.util.Arrays;
import java.util.concurrent.Callable;
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
        if (plain != null) System.exit(withoutPicocli(plain));
        // the AOT training without picocli too: the classes of its model (every subcommand's) would be archived
        if (args.length == 1 && args[0].equals(TrainCommand.NAME)) System.exit(withoutPicocli(new TrainCommand()));
        System.exit(commandLine(args).execute(serve(args) ? Arrays.copyOfRange(args, 1, args.length) : args));
    }

    /** {@code serve} alone: picocli's model of every subcommand (their options, converters, clients) slows the start. */
    static CommandLine commandLine(String[] args) {
        return serve(args) ? new CommandLine(new ServeCommand()) : new CommandLine(new Main());
    }

    /** Runs a command as picocli would: a failure's stack trace on stderr, exit status 1. */
    private static int withoutPicocli(Callable<Integer> command) {
        try {
            return command.call();
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    private static boolean serve(String[] args) {
        return args.length > 0 && args[0].equals("serve");
    }
}
