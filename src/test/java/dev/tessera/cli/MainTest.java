package dev.tessera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tessera serve} builds only the serve command's model; everything else the whole command line. */
class MainTest {
    @Test
    void serveGetsOnlyTheServeCommand() {
        CommandLine cli = Main.commandLine(new String[] {"serve", "--port", "19400"});
        assertThat((Object) cli.getCommand()).isInstanceOf(ServeCommand.class);
        assertThat(cli.getSubcommands()).isEmpty();
        assertThat(cli.getCommandSpec().findOption("--config")).isNotNull();
    }

    @Test
    void otherCommandsGetTheWholeCommandLine() {
        CommandLine cli = Main.commandLine(new String[] {"sign", "/images/x"});
        assertThat((Object) cli.getCommand()).isInstanceOf(Main.class);
        assertThat(cli.getSubcommands()).containsKeys("serve", "sign", "loadtest", "aot-training");
        assertThat((Object) Main.commandLine(new String[0]).getCommand()).isInstanceOf(Main.class);
    }
}
