package dev.tessera.cluster;

import dev.tessera.cluster.ClusterState.Member;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster's object store: s3proxy's own main ({@code org.gaul.s3proxy.Main}) serving a directory of the state
 * dir over the S3 API on a loopback port. s3proxy is a test dependency of Tessera, not part of the service's jar:
 * the caller gives its classpath (the test classpath, or what the launcher resolved for `cluster up`).
 */
final class S3Server {
    private S3Server() {}

    static Member start(Path stateDir, int port, Cluster.Spec spec) throws IOException, InterruptedException {
        if (spec.s3Classpath() == null || spec.s3Classpath().isBlank()) {
            throw new IOException("no classpath for the S3 server (s3proxy); `./tessera cluster up` resolves one");
        }
        Path dir = stateDir.resolve("s3");
        Files.createDirectories(dir.resolve(Cluster.BUCKET));
        String endpoint = "http://127.0.0.1:" + port;
        Path properties = stateDir.resolve("s3.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + Cluster.ACCESS_KEY,
                "s3proxy.credential=" + Cluster.SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.identity=" + Cluster.ACCESS_KEY,
                "jclouds.credential=" + Cluster.SECRET_KEY,
                "jclouds.filesystem.basedir=" + dir) + "\n");
        List<String> command = new ArrayList<>(spec.java());
        // s3proxy's main logs its stderr through slf4j: slf4j-simple must write elsewhere, or it loops
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.logFile=" + stateDir.resolve("s3.log"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", spec.s3Classpath(), "org.gaul.s3proxy.Main",
                "--properties", properties.toString()));
        Member s3 = new Member("s3", endpoint, Processes.spawn(command, Map.of(), stateDir.resolve("s3-out.log")));
        awaitListening(s3, port);
        return s3;
    }

    /** The settings a node needs to use it. */
    static Map<String, String> clientEnv(String endpoint) {
        return Map.of("TESSERA_STORAGE", "s3", "TESSERA_S3_ENDPOINT", endpoint, "TESSERA_S3_BUCKET", Cluster.BUCKET,
                "TESSERA_S3_REGION", "us-east-1", "TESSERA_S3_ACCESS_KEY", Cluster.ACCESS_KEY,
                "TESSERA_S3_SECRET_KEY", Cluster.SECRET_KEY, "TESSERA_S3_PATH_STYLE", "true");
    }

    private static void awaitListening(Member s3, int port) throws IOException, InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (!Processes.alive(s3)) throw new IOException("the S3 server exited while starting (see s3.log)");
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("the S3 server did not listen on port " + port + " within 60 s (see s3.log)");
    }
}
