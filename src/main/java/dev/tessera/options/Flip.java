package dev.tessera.options;

import java.util.Locale;

/** Mirroring: horizontal, vertical or both. */
public enum Flip {
    NONE, H, V, HV;

    /** The {@code flip} parameter value ("h", "v", "hv"); "none" for {@link #NONE}. */
    public String id() { return name().toLowerCase(Locale.ROOT); }
}
