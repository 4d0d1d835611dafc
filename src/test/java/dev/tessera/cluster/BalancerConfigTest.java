package dev.tessera.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/haproxy.cfg and deploy/nginx.conf filled for N nodes, and checked by HAProxy and nginx themselves. */
class BalancerConfigTest {
    private static final List<String> FOUR = List.of("127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003",
            "127.0.0.1:9004");

    @Test
    void eachNodeGetsItsServerLinesInEveryBackend() throws IOException {
        String cfg = haproxy(FOUR);
        assertThat(cfg).doesNotContain("${");
        for (int k = 1; k <= 4; k++) {
            assertThat(cfg).contains("server node" + k + " \"127.0.0.1:900" + k + "\" check")
                    .contains("server node" + k + " \"127.0.0.1:900" + k + "\" track images/node" + k);
        }
        assertThat(haproxy(FOUR.subList(0, 1))).doesNotContain("node2").contains("server node1 ");
    }

    @Test
    void aPlaceholderWithoutAValueIsRefusedByName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BalancerConfig.fill("bind ${TESSERA_BIND}\nserver node1 ${TESSERA_NODE1}", FOUR,
                        Map.of()))
                .withMessageContaining("${TESSERA_BIND}");
        assertThatIllegalArgumentException().isThrownBy(() -> BalancerConfig.fill("x", List.of(), Map.of()));
    }

    @Test
    void haproxyAcceptsTheFilledConfig(@TempDir Path dir) throws Exception {
        Path haproxy = installed("haproxy");
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), haproxy(FOUR));
        assertThat(run(dir, haproxy.toString(), "-c", "-f", file.toString())).contains("Configuration file is valid");
    }

    @Test
    void nginxAcceptsTheFilledConfig(@TempDir Path dir) throws Exception {
        Path nginx = installed("nginx");
        String cfg = BalancerConfig.fill(Files.readString(Path.of("deploy/nginx.conf")), FOUR,
                Map.of("TESSERA_BIND", "127.0.0.1:9000", "TESSERA_STATE_DIR", dir.toString()));
        assertThat(cfg).contains("server 127.0.0.1:9004 max_fails=1").doesNotContain("${");
        Path file = Files.writeString(dir.resolve("nginx.conf"), cfg);
        assertThat(run(dir, nginx.toString(), "-t", "-e", dir.resolve("early.log").toString(), "-p", dir.toString(),
                "-c", file.toString())).contains("test is successful");
    }

    static String haproxy(List<String> nodes) throws IOException {
        return BalancerConfig.fill(Files.readString(Path.of("deploy/haproxy.cfg")), nodes,
                Map.of("TESSERA_BIND", "127.0.0.1:9000", "TESSERA_CHECK_INTER", "1s"));
    }

    static Path installed(String tool) {
        Path path = List.of(Path.of("/usr/sbin", tool), Path.of("/usr/bin", tool)).stream().filter(Files::exists)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(path != null, tool + " is not installed (./tessera test installs it)");
        return path;
    }

    /** Runs a command, returning its output; fails on a non-zero exit. */
    static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
