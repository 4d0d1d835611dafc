package dev.tessera.options;

/**
 * The values of one parse while parameters are applied: the options, plus what is resolved only at the end
 * (the size before {@code dpr}, the fit when unset). Not shared.
 */
final class ParseState {
    final RenderOptionsBuilder options = RenderOptions.builder();
    Integer width;  // before dpr
    Integer height; // before dpr
    double dpr = 1;
    Fit fit;        // null: resolved from the size

    RenderOptions build() {
        Integer w = scaled(width);
        Integer h = scaled(height);
        Fit resolvedFit = fit != null ? fit : w != null && h != null ? Fit.COVER : Fit.INSIDE;
        return options.width(w).height(h).fit(resolvedFit).build();
    }

    /** Device pixels; at least 1 since size and dpr both are. */
    private Integer scaled(Integer size) {
        return size == null ? null : (int) Math.round(size * dpr);
    }
}
