package dev.tessera.rendition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.image.ImageException;

import dev.tessera.cache.RenditionCache;
import dev.tessera.cache.RenditionCaches;
import dev.tessera.metrics.Metrics;
import dev.tessera.options.OptionsParser;
import dev.tessera.processing.Jpegtran;
import dev.tessera.processing.Limits;
import dev.tessera.processing.Renderer;
import dev.tessera.processing.StageTimings;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.source.Originals;
import dev.tessera.source.QuotaCharge;
import dev.tessera.storage.BlobKeys;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import dev.tessera.testing.Corpus;
import dev.tessera.vips.Vips;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end without HTTP: a node that renders progressive originals from their baseline copies gives every
 * rendition (original class, crops, the mezzanine and what is made from it) the very bytes and ETag of a node
 * that decodes the originals as stored.
 */
class BaselineCopyRenditionTest {
    private static final OptionsParser PARSER = new OptionsParser(Map.of());
    private static final Limits LIMITS = new Limits(100_000_000, 100, 100_000_000, Limits.DEFAULTS.renderTimeout());
    @TempDir Path dir;
    private final List<AutoCloseable> closing = new ArrayList<>();

    /** One node: its own store, pool, cache and meters. */
    private record Node(Originals originals, RenditionService renditions, BlobStore store,
                        SimpleMeterRegistry registry) {}

    @BeforeEach
    void vips() {
        Vips.init();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) c.close();
    }

    private Node node(String name, Optional<Jpegtran> jpegtran) throws Exception {
        return node(name, jpegtran, Long.MAX_VALUE);
    }

    private Node node(String name, Optional<Jpegtran> jpegtran, long memoryBudget) throws Exception {
        RenderPool pool = new RenderPool(2, 16, Duration.ofSeconds(60), Map.of(), memoryBudget, Ticker.systemTicker());
        BlobStore store = BlobStores.filesystem(dir.resolve(name));
        RenditionCache cache = RenditionCaches.builder().memoryBytes(32 << 20).build();
        closing.addAll(List.of(store, pool, cache));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Originals originals = new Originals(store, pool, LIMITS, 50 << 20, dir.resolve(name + "-spool"), registry,
                System::nanoTime, jpegtran);
        return new Node(originals, new RenditionService(cache, pool, new Renderer(LIMITS), new Metrics()), store,
                registry);
    }

    @Test
    void everyRenditionHasTheSameBytesAndEtagWithAndWithoutTheCopy() throws Exception {
        assertThat(Jpegtran.onPath()).as("jpegtran on PATH (libjpeg-turbo-progs)").isPresent();
        Node copies = node("copies", Jpegtran.onPath());
        Node stored = node("stored", Optional.empty());
        Map<Path, List<String>> renditions = Map.of(
                Corpus.photo("sunset.jpg"), List.of("w=1100", "w=1199&fm=webp", "w=300", "crop=1000,500,1600,1200&w=700"),
                progressive("edge/exif-orient-6.jpg"), List.of("w=900", "w=300&fm=png"),
                progressive("edge/cmyk.jpg"), List.of("w=1200", "crop=0,0,2000,2000&w=500"));
        for (var e : renditions.entrySet()) {
            byte[] original = Files.readAllBytes(e.getKey());
            StoredOriginal withCopy = upload(copies, original);
            withCopy.prepareBaselineCopy();
            assertThat(copies.store().head(BlobKeys.baselineKey(withCopy.contentId()))).as("copy of %s", e.getKey())
                    .isPresent();
            StoredOriginal asStored = upload(stored, original);
            for (String query : e.getValue()) {
                Plan a = copies.renditions().plan(withCopy, options(query), null);
                Plan b = stored.renditions().plan(asStored, options(query), null);
                assertThat(a.etag()).isEqualTo(b.etag());
                byte[] fromCopy = copies.renditions().serve(a, new StageTimings()).rendition().body();
                byte[] fromOriginal = stored.renditions().serve(b, new StageTimings()).rendition().body();
                assertThat(Arrays.equals(fromCopy, fromOriginal)).as("%s?%s", e.getKey().getFileName(), query).isTrue();
            }
        }
        assertThat(reads(copies)).as("decodes that read a copy").isGreaterThanOrEqualTo(6);
        assertThat(reads(stored)).isZero();
    }

    /**
     * 20 MP 4:4:4 progressive: its decode holds ~122 MB of coefficients, so a 1539 px WebP is over the default
     * 160 MB budget as stored; it renders from the baseline copy, made on demand once for concurrent renders, with
     * the bytes of a node that decodes the original with room to spare. Without jpegtran it is refused, every time.
     */
    @Test
    void aRenderOverTheBudgetAsStoredIsMadeFromTheCopyMadeOnDemand() throws Exception {
        long budget = 160L << 20;
        byte[] original = Files.readAllBytes(Corpus.edge("progressive-20mp.jpg"));
        List<String> queries = List.of("w=1539&fm=webp&q=71", "w=2066&h=1377&fit=cover&fm=avif&q=70");
        Node copies = node("copies", Jpegtran.onPath(), budget);
        Node roomy = node("roomy", Optional.empty());
        Node without = node("without", Optional.empty(), budget);
        StoredOriginal source = upload(copies, original);
        assertThat(copies.store().head(BlobKeys.baselineKey(source.contentId()))).isEmpty();

        List<CompletableFuture<byte[]>> concurrent = queries.stream().map(q -> CompletableFuture.supplyAsync(() -> {
            try {
                return copies.renditions().serve(copies.renditions().plan(source, options(q), null),
                        new StageTimings()).rendition().body();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).toList();
        StoredOriginal asStored = upload(roomy, original);
        StoredOriginal refused = upload(without, original);
        for (int i = 0; i < queries.size(); i++) {
            byte[] direct = roomy.renditions().serve(roomy.renditions().plan(asStored, options(queries.get(i)), null),
                    new StageTimings()).rendition().body();
            assertThat(Arrays.equals(concurrent.get(i).join(), direct)).as(queries.get(i)).isTrue();
            Plan plan = without.renditions().plan(refused, options(queries.get(i)), null);
            assertThatThrownBy(() -> without.renditions().serve(plan, new StageTimings()))
                    .isInstanceOfSatisfying(ImageException.class,
                            e -> assertThat(e.reason()).isEqualTo(ImageException.Reason.OVER_MEMORY_BUDGET));
        }
        assertThat(copies.registry().get("tessera_baseline_copies").tag("result", "made").counter().count())
                .as("copies made").isEqualTo(1);
        assertThat(reads(copies)).isEqualTo(2);
    }

    private static double reads(Node node) {
        return node.registry().get("tessera_baseline_copy_reads").counter().count();
    }

    private static StoredOriginal upload(Node node, byte[] image) throws Exception {
        var upload = node.originals().ingest(new ByteArrayInputStream(image), "t", new QuotaCharge(b -> {}, b -> {}));
        return StoredOriginal.find(node.originals(), upload.info().id());
    }

    private static dev.tessera.options.RenderOptions options(String query) {
        Map<String, List<String>> params = Arrays.stream(query.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> List.of(p[1])));
        return PARSER.parse(params);
    }

    /** A corpus JPEG made progressive losslessly. */
    private Path progressive(String name) throws Exception {
        Path out = dir.resolve(name.replace('/', '-'));
        Process p = new ProcessBuilder("jpegtran", "-progressive", "-copy", "all", "-outfile", out.toString(),
                Corpus.dir().resolve(name).toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }
}
