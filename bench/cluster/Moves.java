import dev.tessera.cluster.Cluster;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Keys moved when a node dies: which node serves each image before and after node3's kill -9. */
final class Moves {
    private Moves() {}

    static void afterKill(Cluster cluster, String base, List<String> ids) throws Exception {
        Map<String, String> before = owners(base, ids);
        cluster.kill(3);
        Thread.sleep(2500); // HAProxy: 500 ms x fall 2
        Map<String, String> after = owners(base, ids);
        long onDead = before.values().stream().filter("node3"::equals).count();
        long moved = ids.stream().filter(id -> !Objects.equals(before.get(id), after.get(id))).count();
        long movedOthers = ids.stream().filter(id -> !"node3".equals(before.get(id))
                && !Objects.equals(before.get(id), after.get(id))).count();
        System.out.printf("node3 killed: %d of %d images moved (%.1f%%); %d were on node3; %d moved between live nodes%n",
                moved, ids.size(), 100.0 * moved / ids.size(), onDead, movedOthers);
    }

    private static Map<String, String> owners(String base, List<String> ids) throws Exception {
        Map<String, String> owner = new HashMap<>();
        for (String id : ids) {
            var r = Trace.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/images/" + id + "/info")).build(),
                    BodyHandlers.discarding());
            owner.put(id, r.headers().firstValue("X-Served-By").orElse("?"));
        }
        return owner;
    }
}
