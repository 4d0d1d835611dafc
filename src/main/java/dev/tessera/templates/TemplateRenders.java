package dev.tessera.templates;

import dev.tessera.cache.CacheResult;
import dev.tessera.cache.CacheTier;
import dev.tessera.cache.RenditionCache;
import dev.tessera.config.Build;
import dev.tessera.image.ImageException;
import dev.tessera.image.Rendition;
import dev.tessera.png.PngWriter;
import dev.tessera.processing.StageTimings;
import dev.tessera.rendition.Source;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.text.TextLayout;
import dev.tessera.text.TextRaster;
import dev.tessera.vips.Vips;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The template render use case: {@link #plan} fills the slots and names the render (400s come here, before
 * anything else); {@link #serve} answers from the rendition cache, else (one render per key at a time) takes a
 * place in the template's budget, finds or fetches the image sources, then draws in the owner's turn in the
 * render pool. A failed source fails the render (or takes the layer's fallback): never a partly drawn 200.
 */
public final class TemplateRenders {
    /** The engine name (Tessera's and libvips' versions), read by the first plan: the start does not wait for libvips. */
    private static final class Engine {
        static final String NAME = Build.engine(Vips.version());
    }

    private final RenditionCache cache;
    private final RenderPool pool;
    private final LayerSources sources;
    private final Composer composer;
    private final TextLayout text;
    private final TemplateBudgets budgets;
    private final long maxOutputPixels;

    /**
     * {@code text}: the text layout engine (null: text layers cannot be drawn); {@code fittedImageBytes}: the
     * bound of the cache of decoded, fitted image layers (its misses counted in {@code registry});
     * {@code pngCompression}: the PNG output's compression level ({@link PngWriter}, 1..12).
     */
    public TemplateRenders(RenditionCache cache, RenderPool pool, LayerSources sources, TextLayout text,
                           long fittedImageBytes, MeterRegistry registry, int pngCompression,
                           int concurrencyPerTemplate, Duration maxWait, long maxOutputPixels) {
        this.cache = cache;
        this.pool = pool;
        this.sources = sources;
        this.composer = new Composer(text, new FittedImages(fittedImageBytes, registry),
                new PngWriter(pngCompression));
        this.text = text;
        this.budgets = new TemplateBudgets(concurrencyPerTemplate, maxWait);
        this.maxOutputPixels = maxOutputPixels;
    }

    public TemplatePlan plan(StoredTemplate template, Map<String, List<String>> query) {
        OutputParams output = OutputParams.of(query);
        TreeMap<String, String> slots = SceneResolver.slotValues(template.template(), query);
        Scene scene = SceneResolver.resolve(template.template(), slots, output.dpr());
        if ((long) scene.width() * scene.height() > maxOutputPixels) {
            throw new ImageException(ImageException.Reason.OUTPUT_TOO_LARGE, "the canvas at this dpr is over the "
                    + "output limit of " + maxOutputPixels + " pixels", "dpr", null);
        }
        StringBuilder text = new StringBuilder(template.hash()).append('\n');
        slots.forEach((k, v) -> text.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                .append('&'));
        text.append('\n').append(output.canonical()).append('\n').append(Engine.NAME);
        String key = TemplateJson.hash(text.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        return new TemplatePlan(template, scene, output.format(), output.quality(), key);
    }

    /**
     * The render from the cache or drawn now; stage timings land in {@code timings} (a cache hit's lookup as
     * {@code cache}, as for renditions).
     */
    public CacheResult serve(TemplatePlan plan, StageTimings timings) throws Exception {
        long start = System.nanoTime();
        CacheResult result = cache.get(plan.template().hash(), plan.key(), () -> render(plan, timings));
        if (result.tier() == CacheTier.MEMORY || result.tier() == CacheTier.STORE) {
            timings.record("cache", System.nanoTime() - start);
        }
        return result;
    }

    /** What the fitting chose for one text layer: the font size in px, the lines drawn, whether it was cut. */
    public record TextFit(String layer, int size, int lines, boolean cut) {}

    /** The text layers' fits for these slots (the playground's overlay), laid out in the owner's turn. */
    public List<TextFit> textFits(TemplatePlan plan) throws Exception {
        List<Scene.Words> words = plan.scene().drawings().stream().filter(Scene.Words.class::isInstance)
                .map(Scene.Words.class::cast).toList();
        if (words.isEmpty() || text == null) return List.of();
        long memory = words.stream().mapToLong(w -> 4L * w.box().w() * w.box().h()).sum();
        return pool.run(plan.template().owner(), memory, () -> words.stream().map(w -> {
            TextRaster r = text.layout(w.text(), w.style(), w.box().w(), w.box().h());
            return new TextFit(w.field(), r.size(), r.lines(), r.cut());
        }).toList());
    }

    /** Drops every cached render of this version of a template. */
    public void purge(String templateHash) throws java.io.IOException {
        cache.purge(templateHash);
    }

    private Rendition render(TemplatePlan plan, StageTimings timings) throws Exception {
        Scene scene = plan.scene();
        try (AutoCloseable place = budgets.enter(plan.template().name())) {
            long f = System.nanoTime();
            Map<Scene.Picture, Source> found = new LinkedHashMap<>();
            long memory = (long) scene.width() * scene.height() * 16;
            for (Scene.Drawing d : scene.drawings()) {
                if (d instanceof Scene.Picture p) {
                    found.put(p, sources.find(p, plan.template().owner()));
                    memory += (long) p.box().w() * p.box().h() * 8;
                }
            }
            timings.record("fetch", System.nanoTime() - f);
            return pool.run(plan.template().owner(), memory, () -> draw(plan, found, timings));
        }
    }

    private Rendition draw(TemplatePlan plan, Map<Scene.Picture, Source> found, StageTimings timings)
            throws Exception {
        long start = System.nanoTime();
        Scene scene = plan.scene();
        byte[] body = composer.render(scene, found, plan.format(), plan.quality(), timings);
        timings.record("render", System.nanoTime() - start);
        return new Rendition(body, plan.format(), scene.width(), scene.height());
    }
}
