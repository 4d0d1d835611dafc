package dev.tessera.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.metrics.Metrics;
import dev.tessera.processing.Limits;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import dev.tessera.testing.TestOrigin;
import dev.tessera.vips.Vips;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher the service starts with: built (origin client, spool) by its first fetch, against a real origin. */
class BuiltOnFirstUseTest {
    @TempDir
    Path dir;
    TestOrigin origin;
    BlobStore store;
    Path spool;
    RemoteSources sources;

    @BeforeEach
    void start() throws IOException {
        Vips.init();
        origin = TestOrigin.start();
        origin.image("/a.png", Fixture.RED, "Cache-Control", "max-age=600");
        store = BlobStores.filesystem(dir.resolve("store"));
        spool = dir.resolve("spool");
        sources = RemoteSources.builder(Fixture.settings()).store(store, true).spoolDir(spool)
                .limits(Limits.DEFAULTS).metrics(new Metrics()).buildOnFirstUse();
    }

    @AfterEach
    void stop() throws Exception {
        sources.close();
        store.close();
        origin.close();
    }

    @Test
    void theFirstFetchBuildsTheFetcherAndLaterOnesReuseIt() throws Exception {
        assertThat(spool).as("the origin client makes its spool when it is built").doesNotExist();
        assertThat(fetch().result()).isEqualTo(SourceCacheResult.MISS);
        assertThat(spool).isDirectory();
        Fetched again = fetch();
        assertThat(again.result()).as("the same fetcher: its cache").isEqualTo(SourceCacheResult.HIT);
        assertThat(again.source().header().width()).isEqualTo(40);
        assertThat(origin.hits("/a.png")).isEqualTo(1);
    }

    @Test
    void aFailedBuildFailsThatFetchAndTheNextOneBuildsAgain() throws Exception {
        Files.writeString(spool, "a file where the spool directory goes");
        assertThatThrownBy(this::fetch).isInstanceOf(IOException.class);
        Files.delete(spool);
        assertThat(fetch().result()).isEqualTo(SourceCacheResult.MISS);
    }

    @Test
    void closedBeforeAnyFetchItBuildsNothing() throws Exception {
        sources.close();
        assertThatThrownBy(this::fetch).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(spool).doesNotExist();
        assertThat(origin.hits("/a.png")).isZero();
    }

    private Fetched fetch() throws IOException {
        return sources.fetch(URI.create(origin.url("/a.png")), null, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    }
}
