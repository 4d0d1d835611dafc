package dev.tessera.text;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Fits and draws text layers, keeping finished rasters in a cache bounded in bytes. */
final class CachedTextLayout implements TextLayout {
    private record Key(String text, TextStyle style, int boxWidth, int boxHeight) {}

    private final Fitter fitter = new Fitter(new Measurer());
    private final Rasterizer rasterizer = new Rasterizer();
    private final Cache<Key, TextRaster> rasters;
    private final Counter layouts;

    CachedTextLayout(long maxCacheBytes, MeterRegistry registry) {
        this.rasters = Caffeine.newBuilder().maximumWeight(maxCacheBytes)
                .weigher((Key k, TextRaster r) -> r.rgba().length + 2 * k.text().length() + 64)
                .build();
        this.layouts = Counter.builder("tessera.text.layouts")
                .description("text layers laid out and drawn (raster cache misses)").register(registry);
    }

    @Override
    public TextRaster layout(String text, TextStyle style, int boxWidth, int boxHeight) {
        if (boxWidth < 1 || boxHeight < 1) throw new IllegalArgumentException("box must be at least 1x1");
        return rasters.get(new Key(text, style, boxWidth, boxHeight), k -> draw(k.text(), style, boxWidth, boxHeight));
    }

    private TextRaster draw(String text, TextStyle style, int boxWidth, int boxHeight) {
        layouts.increment();
        String clean = Markup.clean(text);
        if (clean.isEmpty()) return new TextRaster(boxWidth, 0, new byte[0], style.size(), 0, false);
        try (Fitter.Fit fit = fitter.fit(clean, style, boxWidth, boxHeight)) {
            return rasterizer.draw(fit, style, boxWidth, boxHeight);
        }
    }
}
