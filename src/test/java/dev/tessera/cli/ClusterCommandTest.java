package dev.tessera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JVM command line of a cluster's nodes: serve's, as the launcher passes it; else a fallback of its own. */
class ClusterCommandTest {
    @Test
    void nodesRunWithTheOptionsTheLauncherServesWith() {
        var env = Map.of("TESSERA_NODE_JAVA_OPTS", " --enable-native-access=ALL-UNNAMED  -Xmx384m -XX:+UseParallelGC ",
                "TESSERA_JAVA_OPTS", "-Xmx384m -XX:+UseParallelGC");
        assertThat(ClusterCommand.jvm(env, "/jdk/bin/java")).containsExactly("/jdk/bin/java",
                "--enable-native-access=ALL-UNNAMED", "-Xmx384m", "-XX:+UseParallelGC");
    }

    @Test
    void withoutTheLauncherNodesRunG1WithTheJavaOptionsOrA512MbHeap() {
        assertThat(ClusterCommand.jvm(Map.of("TESSERA_JAVA_OPTS", "-Xmx256m"), "java")).containsExactly("java",
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Xmx256m");
        assertThat(ClusterCommand.jvm(Map.of("TESSERA_NODE_JAVA_OPTS", " "), "java")).containsExactly("java",
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Xms64m", "-Xmx512m");
    }
}
