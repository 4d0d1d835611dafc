package dev.tessera.templates;

import java.util.List;

/** A template definition, exactly as the spec shapes it (colours hex without {@code #}, boxes in canvas pixels). */
record Template(Integer width, Integer height, String background, List<Layer> layers) {}
