package dev.tessera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tessera serve}: plain arguments without picocli, else the serve model only; the rest: the whole CLI. */
class MainTest {
    @Test
    void serveGetsOnlyTheServeCommand() {
        CommandLine cli = Main.commandLine(new String[] {"serve", "--port", "19400"});
        assertThat((Object) cli.getCommand()).isInstanceOf(ServeCommand.class);
        assertThat(cli.getSubcommands()).isEmpty();
        assertThat(cli.getCommandSpec().findOption("--config")).isNotNull();
    }

    @Test
    void plainServeArgumentsAreReadWithoutPicocli() {
        ServeCommand serve = ServeCommand.plain(new String[] {"serve", "--port", "19400", "--config=conf/t.yaml"});
        assertThat(serve.port).isEqualTo(19400);
        assertThat(serve.config).isEqualTo(Path.of("conf/t.yaml"));
        assertThat(ServeCommand.plain(new String[] {"serve"})).isNotNull();
    }

    @Test
    void anythingElseGoesToPicocli() {
        for (String[] args : List.of(new String[] {"serve", "--help"}, new String[] {"serve", "-V"},
                new String[] {"serve", "--port", "1", "--port", "2"}, new String[] {"serve", "--port", "x"},
                new String[] {"serve", "--port"}, new String[] {"serve", "@args.txt"},
                new String[] {"serve", "--config", "@f"}, new String[] {"sign", "/images/x"}, new String[0])) {
            assertThat(ServeCommand.plain(args)).as(String.join(" ", args)).isNull();
        }
    }

    @Test
    void otherCommandsGetTheWholeCommandLine() {
        CommandLine cli = Main.commandLine(new String[] {"sign", "/images/x"});
        assertThat((Object) cli.getCommand()).isInstanceOf(Main.class);
        assertThat(cli.getSubcommands()).containsKeys("serve", "sign", "loadtest", "aot-training");
        assertThat((Object) Main.commandLine(new String[0]).getCommand()).isInstanceOf(Main.class);
    }
}
