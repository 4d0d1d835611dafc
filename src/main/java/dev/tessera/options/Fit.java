package dev.tessera.options;

import java.util.Locale;

/** How the image is fitted into the {@code w} x {@code h} box. */
public enum Fit {
    /** Fill the box, cropping what overflows. */
    COVER,
    /** Fit inside the box, padding with the background. */
    CONTAIN,
    /** Stretch to the box, ignoring the aspect ratio. */
    FILL,
    /** Fit inside the box, no padding. */
    INSIDE,
    /** Cover the box, no cropping. */
    OUTSIDE;

    /** The {@code fit} parameter value. */
    public String id() { return name().toLowerCase(Locale.ROOT); }
}
