package dev.tessera.server;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.cache.RenditionCache;
import dev.tessera.cache.RenditionCaches;
import dev.tessera.config.TesseraConfig;
import dev.tessera.metrics.DashboardStats;
import dev.tessera.metrics.Metrics;
import dev.tessera.options.OptionsParser;
import dev.tessera.processing.Limits;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.processing.DecodedFrames;
import dev.tessera.processing.Jpegtran;
import dev.tessera.processing.Renderer;
import dev.tessera.remote.RemoteSources;
import dev.tessera.rendition.EagerRenders;
import dev.tessera.rendition.RenditionService;
import dev.tessera.security.TenantQuotas;
import dev.tessera.security.UrlSigner;
import dev.tessera.security.WriteAccess;
import dev.tessera.source.LeftoverSweeper;
import dev.tessera.source.Originals;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import dev.tessera.storage.ConfiguredStores;
import dev.tessera.templates.LayerSources;
import dev.tessera.templates.TemplateRenders;
import dev.tessera.templates.TemplateStore;
import dev.tessera.text.TextLayout;
import dev.tessera.vips.Vips;
import dev.tessera.uploads.Uploads;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.SizeUnit;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.LoggerFactory;

/** The HTTP service: wires storage, rendering and routes, and runs Javalin on virtual threads. */
public final class TesseraServer implements AutoCloseable {
    /**
     * Decoded mezzanines kept for the next rendition: at most this share of the render memory budget (20 MB of
     * the 160 MB default: a 2136x1424 mezzanine's decode, 9 MB, and its shrink-by-2 decode, 2.3 MB), and as much
     * for upload checks' decodes handed over to their mezzanines; each dropped after this long unused.
     */
    private static final int KEPT_FRAMES_SHARE = 8;
    private static final Duration KEPT_FRAMES_IDLE = Duration.ofSeconds(1);

    private final Javalin app;
    private final RenderPool pool;
    private final BlobStore store;
    private final List<AutoCloseable> services;
    private final Drain drain;
    private final String startSteps;
    private final FastHits fastHits;

    private TesseraServer(Javalin app, RenderPool pool, BlobStore store, List<AutoCloseable> services, Drain drain,
                          String startSteps, FastHits fastHits) {
        this.startSteps = startSteps;
        this.fastHits = fastHits;
        this.app = app;
        this.pool = pool;
        this.store = store;
        this.services = services;
        this.drain = drain;
    }

    public static TesseraServer start(TesseraConfig config) throws IOException {
        return start(config, System.out);
    }

    /** Starts the service writing its access log to {@code accessLog}. */
    public static TesseraServer start(TesseraConfig config, PrintStream accessLogOut) throws IOException {
        return start(config, Channels.newChannel(accessLogOut));
    }

    /**
     * Starts the service writing its access log to {@code accessLogOut}, which it neither closes nor interrupts (the
     * service's own standard output: a {@code FileChannel} of it, so a batch of lines is one write and no copy).
     */
    public static TesseraServer start(TesseraConfig config, WritableByteChannel accessLogOut) throws IOException {
        StartSteps steps = new StartSteps(System::nanoTime);
        skipJettyJmxProbe();
        String node = config.cluster().effectiveNodeId(config.port());
        Metrics metrics = new Metrics(config.cluster().named() ? node : null); // a default id would relabel every meter
        Drain drain = new Drain(Duration.ofMillis(config.cluster().drainDelayMs()));
        BlobStore store = BlobStores.metered(ConfiguredStores.open(config.storage()), metrics.registry(),
                config.storage().kind().id());
        steps.done("store");
        RenderPool pool = renderPool(config);
        TesseraConfig.Limits l = config.limits();
        Limits limits = new Limits(l.maxPixels(), l.maxFrames(), l.maxOutputPixels(),
                Duration.ofMillis(l.renderTimeoutMs()));
        Path spool = spoolDir(config.storage());
        // the origin client (Jetty's HttpClient and its TLS trust store) starts on the first remote fetch
        RemoteSources remoteSources = RemoteSources.builder(config.remote())
                .store(store, config.storage().kind().sweepableStoreTier()).spoolDir(spool)
                .limits(limits).metrics(metrics)
                .notFoundTtl(Duration.ofSeconds(config.cache().notFoundMaxAgeSeconds()))
                .admission(pool::refuseIfOverloaded).buildOnFirstUse();
        Originals originals = new Originals(store, pool, limits, l.maxUploadBytes(), spool, metrics.registry(),
                Ticker.systemTicker(), jpegtran());
        steps.done("originals");
        LeftoverSweeper sweeper = sweepLeftovers(config.storage(), spool);
        metrics.watch(pool);
        AccessLog accessLog = new AccessLog(metrics, accessLogOut, config.log().access(), config.log().slowRenderMs());
        RenditionCache cache = renditionCache(config, store, metrics);
        metrics.watch(cache::stats);
        steps.done("cache");
        DecodedFrames kept = new DecodedFrames(pool.memoryBudget() / KEPT_FRAMES_SHARE, KEPT_FRAMES_IDLE);
        metrics.watch(kept);
        originals.keepCheckedDecodes(kept, RenditionService::mezzanineTakesCheckedDecode);
        RenditionService renditions = new RenditionService(cache, pool, new Renderer(limits).keeping(kept), metrics);
        OptionsParser parser = new OptionsParser(config.presets());
        EagerRenders eager = new EagerRenders(renditions, parser, config.eagerPresets(), pool);
        UrlSigner signer = new UrlSigner(config.security().signingKeys());
        SignatureCheck signatures = new SignatureCheck(signer, config.security().publicOriginals());
        WriteAccess writeAccess = new WriteAccess(config.security().apiKeys());
        Uploads uploads = new Uploads(originals, quotas(config.security().quotas(), originals), renditions, eager,
                l.maxUploadBytes());
        FastHits fastHits = new FastHits(node);
        ImageRoutes images = new ImageRoutes(originals, renditions, uploads, parser,
                writeAccess, signatures, l.maxUploadBytes(), fastHits);
        HitHandler hits = new HitHandler(fastHits, renditions, accessLog, metrics);
        WebApiRoutes webApi = new WebApiRoutes(parser, originals, writeAccess,
                !config.security().apiKeys().isEmpty(), signer,
                new DashboardStats(metrics, pool::queuedByTenant, Clock.systemUTC()));
        steps.done("routes");
        RefusalHandler refusals = new RefusalHandler(pool, originals, parser, signatures,
                new RemoteRefusals(remoteSources, parser, signatures), accessLog, metrics, node);
        RemoteRoutes remote = new RemoteRoutes(remoteSources, renditions, parser, signatures,
                config.remote().cacheControl(), config.remote().totalTimeoutMs());
        TemplateRoutes templates = templateRoutes(config, store, cache, pool, originals, signatures, remoteSources,
                metrics, fastHits);
        steps.done("templates");
        long notFoundMaxAge = config.cache().notFoundMaxAgeSeconds();
        Javalin app = Javalin.create(cfg -> {
            configure(cfg, config, spool);
            cfg.jetty.modifyServer(server -> { // Javalin's servlet context goes inside, then refusals, then hits
                Innermost.insert(server, hits);
                Innermost.insert(server, refusals);
            });
            cfg.routes.before(ctx -> {
                Headers.stamp(ctx);
                ctx.header(Headers.SERVED_BY, node);
                RequestRecord.of(ctx).notFoundMaxAge = notFoundMaxAge;
            });
            cfg.requestLogger.http(accessLog::log);
            images.register(cfg.routes);
            remote.register(cfg.routes);
            new SystemRoutes(store, metrics, drain).register(cfg.routes);
            templates.register(cfg.routes);
            WebRoutes.register(cfg.routes);
            webApi.register(cfg.routes);
            Errors.register(cfg.routes);
        });
        steps.done("javalin");
        // libvips loads meanwhile in `serve`'s vips-init thread, waited for here at the latest: before listening
        Vips.init();
        metrics.build(Vips.version());
        steps.done("vips");
        app.start();
        steps.done("http");
        afterStart(metrics);
        return new TesseraServer(app, pool, store, List.of(eager, remoteSources, cache, kept, accessLog, sweeper),
                drain, steps.summary(), fastHits);
    }

    /**
     * What the start leaves for after it listens (it is CPU-bound on 2 cores): the JVM's meters, the downcalls of
     * renders, Jackson's JSON mapper and BigDecimal's class init (~15 ms: the options' canonical decimals use it;
     * Jackson's YAML parser made it at start), in a thread of their own so that neither the first scrape nor the
     * first request waits for them.
     */
    private static void afterStart(Metrics metrics) {
        Thread.ofPlatform().daemon().name("after-start").start(() -> {
            metrics.bindJvmMeters();
            Vips.linkRenderCalls();
            Json.warm();
            BigDecimal.valueOf(0.5).stripTrailingZeros();
        });
    }

    /** jpegtran for the baseline copies of progressive JPEG originals; without it, one line says they are off. */
    private static Optional<Jpegtran> jpegtran() {
        Optional<Jpegtran> jpegtran = Jpegtran.onPath();
        if (jpegtran.isEmpty()) {
            LoggerFactory.getLogger(TesseraServer.class).info("jpegtran not found (Debian: libjpeg-turbo-progs): "
                    + "progressive JPEG originals are decoded as stored, without baseline copies");
        }
        return jpegtran;
    }

    /**
     * Jetty pads its queues to a cache line of references and asks JMX whether oops are compressed: that builds the
     * platform MBean server on the start path (nothing else here needs it). They are compressed below 32 GB of heap.
     */
    private static void skipJettyJmxProbe() {
        String property = "org.eclipse.jetty.util.referencesPerCacheLine";
        if (System.getProperty(property) == null) {
            System.setProperty(property, Runtime.getRuntime().maxMemory() < (32L << 30) ? "16" : "8");
        }
    }

    /** Templates stored and declared, rendered through the rendition cache; URL layers through the remote fetcher. */
    private static TemplateRoutes templateRoutes(TesseraConfig config, BlobStore store, RenditionCache cache,
                                                 RenderPool pool, Originals originals, SignatureCheck signatures,
                                                 RemoteSources remote, Metrics metrics, FastHits fastHits) {
        TesseraConfig.Templates t = config.templates();
        TesseraConfig.Limits l = config.limits();
        TemplateStore templates = new TemplateStore(store, t.definitions(), l.maxOutputPixels(),
                Duration.ofMillis(t.refreshMs()), Ticker.systemTicker());
        LayerSources sources = new LayerSources(originals, (url, tenant, deadline) -> remote.fetch(url, tenant,
                deadline).source(), l.maxPixels(), Duration.ofMillis(config.remote().totalTimeoutMs()));
        TextLayout text = TextLayout.create(TextLayout.DEFAULT_CACHE_BYTES, metrics.registry());
        TemplateRenders renders = new TemplateRenders(cache, pool, sources, text, (long) t.imageCacheMb() << 20,
                metrics.registry(), t.pngCompression(), t.concurrency(),
                Duration.ofMillis(t.maxWaitMs()), l.maxOutputPixels());
        return new TemplateRoutes(templates, renders, new WriteAccess(config.security().apiKeys()), signatures,
                t.cacheControl(), fastHits);
    }

    /** Uploads spool beside a local store (one rename away), else in the system's temporary directory. */
    private static Path spoolDir(TesseraConfig.Storage storage) {
        return storage.kind().localFiles() ? storage.dataDir().resolve(".spool")
                : Path.of(System.getProperty("java.io.tmpdir"), "tessera-spool");
    }

    /** Crash leftovers: partial uploads in the spool, and the local store's temporary files. */
    private static LeftoverSweeper sweepLeftovers(TesseraConfig.Storage storage, Path spool) {
        List<Path> leftovers = storage.kind().localFiles()
                ? List.of(spool, storage.dataDir().resolve(".tmp")) : List.of(spool);
        return LeftoverSweeper.start(leftovers, Clock.systemUTC(), Duration.ofMinutes(10));
    }

    /** One platform thread per core (by default), each tenant served in turns weighted by its render share. */
    private static RenderPool renderPool(TesseraConfig config) {
        Map<String, Integer> shares = new HashMap<>();
        config.security().quotas().tenants().forEach((tenant, q) -> shares.put(tenant, Math.max(1, q.renderShare())));
        return new RenderPool(config.render().effectiveThreads(), config.render().queue(),
                Duration.ofMillis(config.render().maxWaitMs()), shares, config.render().effectiveMemoryBytes(),
                Ticker.systemTicker());
    }

    private static RenditionCache renditionCache(TesseraConfig config, BlobStore store, Metrics metrics) {
        TesseraConfig.Cache c = config.cache();
        return RenditionCaches.builder().memoryBytes(c.memoryMb() << 20).store(store)
                .storeMaxBytes(config.storage().kind().sweepableStoreTier() ? c.storeMaxMb() << 20 : 0)
                .sweepInterval(Duration.ofSeconds(c.sweepSeconds()))
                .rememberFailures(Duration.ofSeconds(c.failureTtlSeconds()), RenditionService::deterministic)
                .purgeCheck(Duration.ofMillis(config.cluster().generationCheckMs()), Ticker.systemTicker())
                .events(RenditionService.events(metrics)).build();
    }

    /**
     * Jetty's selectors on platform threads, whatever may block on virtual threads (HitHandler's routed path too).
     * Javalin's all-virtual pool (selectors on virtual threads) served 14 % fewer hits at c=32 (bench/RESULTS.md).
     */
    private static QueuedThreadPool jettyThreads() {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("jetty");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        return threads;
    }

    /**
     * The HTTP/1.1 connector with one selector thread per core (Jetty's default is one per two cores):
     * {@link HitHandler} answers memory hits on the selector threads, so their number is how many cores the
     * hit path can use.
     */
    private static ServerConnector connector(Server server, HttpConfiguration http, TesseraConfig config) {
        HttpConnectionFactory factory = new HttpConnectionFactory(http);
        ServerConnector connector = new ServerConnector(server, -1, Runtime.getRuntime().availableProcessors(), factory);
        connector.setHost(config.host());
        connector.setPort(config.port());
        return connector;
    }

    /** Jetty and Javalin settings: virtual threads, no compression, upload and header limits, JSON errors. */
    private static void configure(JavalinConfig cfg, TesseraConfig config, Path spool) {
        TesseraConfig.Limits l = config.limits();
        cfg.startup.showJavalinBanner = false;
        cfg.jetty.threadPool = jettyThreads();
        cfg.http.prefer405over404 = true;
        cfg.http.compressionStrategy = CompressionStrategy.NONE; // images are compressed; it cost 20% of a hit
        cfg.jetty.addConnector((server, http) -> connector(server, http, config));
        cfg.jetty.multipartConfig.maxFileSize(l.maxUploadBytes(), SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxTotalRequestSize(l.maxUploadBytes() + 65536, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
        cfg.jetty.multipartConfig.cacheDirectory(spool.toString());
        cfg.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler());
            Drain.graceful(server, Duration.ofMillis(l.renderTimeoutMs() + config.render().maxWaitMs()));
        });
        cfg.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(l.maxHeaderBytes()); // the URL counts too: 414/431 beyond it
            http.setSendServerVersion(false);
        });
    }

    private static TenantQuotas quotas(TesseraConfig.Quotas config, Originals originals) throws IOException {
        Map<String, TenantQuotas.Quota> perTenant = new HashMap<>();
        config.tenants().forEach((tenant, q) -> perTenant.put(tenant, quota(q)));
        TenantQuotas quotas = new TenantQuotas(perTenant, quota(config.defaults()), Clock.systemUTC());
        if (quotas.countsStorage()) originals.bytesByOwner().forEach(quotas::stored);
        return quotas;
    }

    private static TenantQuotas.Quota quota(TesseraConfig.Quota q) {
        return new TenantQuotas.Quota(q.uploadsPerMinute(), q.storageMb() << 20);
    }

    /** How long the start took, step by step: {@code "412 ms (vips 120, store 31, …, http 261)"}. */
    public String startSteps() {
        return startSteps;
    }

    public int port() {
        return app.port();
    }

    /** Whether {@link HitHandler} holds {@code target} (raw path and query) and its rendition is in memory. */
    boolean answersAheadOfRouting(String target) {
        return fastHits.get(FastHits.Target.of(target)) != null;
    }

    /** How many selector threads the connector runs: the threads that answer memory hits. */
    int selectors() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getSelectorManager().getSelectorCount();
    }

    /**
     * The graceful stop: {@code /ready} answers 503 at once, requests are served for the drain delay (the balancer
     * sees the node down meanwhile), then the node stops accepting and lets in-flight requests finish, then closes.
     */
    public void drainAndClose() throws IOException, InterruptedException {
        drain.begin();
        drain.awaitDelay();
        close();
    }

    @Override
    public void close() throws IOException {
        app.stop();
        for (AutoCloseable service : services) {
            try {
                service.close();
            } catch (Exception e) {
                throw new IOException("closing " + service.getClass().getSimpleName(), e);
            }
        }
        pool.close();
        store.close();
    }
}
