package dev.tessera.loadtest;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a command as the {@code tessera} CLI would and keeps what it printed. */
record Cli(int exitCode, String out, String err) {
    static Cli run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Cli(code, out.toString(), err.toString());
    }
}
