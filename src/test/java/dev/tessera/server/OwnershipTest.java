package dev.tessera.server;

import static dev.tessera.server.Api.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each tenant that uploads an image owns it; a delete removes that claim; the bytes go with the last owner. */
class OwnershipTest {
    @TempDir Path data;
    private TestServer server;

    private void start(String yaml) throws Exception {
        Path config = data.resolve("tessera.yaml");
        Files.writeString(config, yaml);
        server = TestServer.start(data.resolve("store"), config, "TESSERA_API_KEYS", "a:key-a,b:key-b");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    private Response upload(String tenant, byte[] body) {
        return server.upload(body, "Authorization", "Bearer key-" + tenant);
    }

    private Response delete(String tenant, String path) {
        return server.delete(path, "Authorization", "Bearer key-" + tenant);
    }

    @Test
    void createdForEachNewOwnerFoundForAnOwner() throws Exception {
        start("{}");
        byte[] png = Images.quadrantsPng();
        assertThat(upload("a", png).status()).isEqualTo(201);
        assertThat(upload("a", png).status()).isEqualTo(200);
        assertThat(upload("b", png).status()).as("new to b, though a stored the bytes").isEqualTo(201);
        assertThat(upload("b", png).status()).isEqualTo(200);
    }

    @Test
    void aNonOwnerGets404ForDeleteAndPurge() throws Exception {
        start("{}");
        byte[] png = Images.quadrantsPng();
        String id = upload("a", png).id();
        assertError(delete("b", "/images/" + id), 404);
        assertError(delete("b", "/images/" + id + "/renditions"), 404);
        assertThat(server.get("/images/" + id).body()).as("still there").isEqualTo(png);
        assertThat(delete("a", "/images/" + id + "/renditions").status()).isEqualTo(204);
    }

    @Test
    void theBytesGoWithTheLastOwner() throws Exception {
        start("{}");
        byte[] png = Images.quadrantsPng();
        String id = upload("a", png).id();
        assertThat(upload("b", png).status()).isEqualTo(201);
        server.render(id, "w=20");

        assertThat(delete("b", "/images/" + id).status()).isEqualTo(204);
        assertError(delete("b", "/images/" + id), 404);
        assertThat(server.get("/images/" + id).body()).as("a still owns it").isEqualTo(png);
        assertThat(upload("a", png).status()).isEqualTo(200);
        assertThat(upload("b", png).status()).as("b owns it again").isEqualTo(201);

        assertThat(delete("a", "/images/" + id).status()).isEqualTo(204);
        assertThat(delete("b", "/images/" + id).status()).isEqualTo(204);
        assertError(server.get("/images/" + id), 404);
        assertError(server.get("/images/" + id + "?w=20"), 404);
        assertThat(server.storedKeys("originals/")).isEmpty();
        assertThat(upload("b", png).status()).isEqualTo(201);
    }

    @Test
    void ownershipSurvivesARestart() throws Exception {
        start("{}");
        byte[] png = Images.quadrantsPng();
        String id = upload("a", png).id();
        server = server.restart();
        assertThat(upload("a", png).status()).isEqualTo(200);
        assertError(delete("b", "/images/" + id), 404);
        assertThat(delete("a", "/images/" + id).status()).isEqualTo(204);
    }

    @Test
    void anImageStoredBeforeOwnershipBelongsToItsUploader() throws Exception {
        start("{}");
        byte[] png = Images.quadrantsPng();
        String id = upload("a", png).id();
        server.deleteStored("owners/"); // the layout before ownership
        server = server.restart();
        assertError(delete("b", "/images/" + id), 404);
        assertThat(upload("a", png).status()).isEqualTo(200);
        assertThat(delete("a", "/images/" + id).status()).isEqualTo(204);
        assertError(server.get("/images/" + id), 404);
    }

    @Test
    void eightConcurrentUploadsOfOneImageCreateItOncePerTenant() throws Exception {
        start("{}");
        byte[] jpeg = Images.noise(800, 600, 90, "jpegsave_buffer");
        List<CompletableFuture<Response>> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            for (String tenant : List.of("a", "b")) {
                sent.add(server.sendAsync(server.request("/images", "Authorization", "Bearer key-" + tenant)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(jpeg)).build()));
            }
        }
        List<Integer> statuses = sent.stream().map(f -> f.join().status()).toList();
        assertThat(statuses.stream().filter(s -> s == 201)).as("%s", statuses).hasSize(2);
        assertThat(statuses.stream().filter(s -> s == 200)).as("%s", statuses).hasSize(14);
    }

    @Test
    void storageQuotaChargesEveryOwnerAlsoAfterARestart() throws Exception {
        start("security: {quotas: {tenants: {a: {storageMb: 1}, b: {storageMb: 1}}}}");
        byte[] shared = Images.noise(700, 700, 1, "pngsave_buffer");
        byte[] second = Images.noise(700, 700, 2, "pngsave_buffer");
        byte[] third = Images.noise(700, 700, 3, "pngsave_buffer");
        assertThat(shared.length + second.length).isLessThan(1 << 20);
        assertThat(shared.length + second.length + third.length).isGreaterThan(1 << 20);
        String id = upload("a", shared).id();
        assertThat(upload("b", shared).status()).isEqualTo(201);
        assertThat(upload("b", second).status()).isEqualTo(201);
        assertThat(upload("b", third).status()).as("b is charged for the shared image").isEqualTo(429);

        server = server.restart();
        assertThat(upload("b", third).status()).as("counted from ownership at start").isEqualTo(429);
        assertThat(delete("a", "/images/" + id).status()).isEqualTo(204);
        assertThat(upload("b", third).status()).as("a's delete credits only a").isEqualTo(429);
        assertThat(delete("b", "/images/" + id).status()).isEqualTo(204);
        assertThat(upload("b", third).status()).isEqualTo(201);
    }

    @Test
    void concurrentUploadsNeverPassTheStorageQuota() throws Exception {
        start("security: {quotas: {tenants: {a: {storageMb: 1}}}}");
        List<byte[]> pngs = new ArrayList<>();
        for (int i = 0; i < 8; i++) pngs.add(Images.noise(700, 700, 10 + i, "pngsave_buffer"));
        List<CompletableFuture<Response>> sent = new ArrayList<>();
        for (byte[] png : pngs) {
            sent.add(server.sendAsync(server.request("/images", "Authorization", "Bearer key-a")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(png)).build()));
        }
        List<Integer> statuses = sent.stream().map(f -> f.join().status()).toList();
        assertThat(statuses.stream().filter(s -> s == 201)).as("%s", statuses).hasSize(2);
        assertThat(statuses.stream().filter(s -> s == 429)).as("%s", statuses).hasSize(6);
    }

    @Test
    void aRefusedUploadReleasesItsReservation() throws Exception {
        start("security: {quotas: {tenants: {a: {storageMb: 1}}}}");
        byte[] png = Images.noise(900, 900, 5, "pngsave_buffer");
        assertThat(png.length).isBetween(1 << 19, 1 << 20);
        for (int i = 0; i < 3; i++) assertError(upload("a", Images.truncated(png)), 422);
        assertThat(upload("a", png).status()).isEqualTo(201);
    }
}
