package dev.tessera.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What `cluster up` started, kept in {@code <stateDir>/cluster.json} for `status` and `down`. */
public record ClusterState(String balancerUrl, Member balancer, Member s3, List<Member> nodes) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "cluster.json";

    /** One process: its name, URL and pid. */
    public record Member(String name, String url, long pid) {}

    void write(Path stateDir) throws IOException {
        Path tmp = stateDir.resolve(FILE + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
        Files.move(tmp, stateDir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static ClusterState read(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE);
        if (!Files.exists(file)) throw new IOException("no cluster is up (no " + file + ")");
        return JSON.readValue(file.toFile(), ClusterState.class);
    }
}
