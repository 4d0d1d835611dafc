package dev.tessera.options;

import java.util.Locale;
import java.util.Objects;

/** Which part of the image to keep when cropping; x and y (0..1) are the focal point of {@code FOCAL}. */
public record Gravity(Kind kind, double x, double y) {
    public enum Kind { CENTER, NORTH, SOUTH, EAST, WEST, NORTHEAST, NORTHWEST, SOUTHEAST, SOUTHWEST, SMART, ENTROPY, FOCAL }

    public static final Gravity CENTER = of(Kind.CENTER);

    /** Validates the focal point; for the other kinds x and y are meaningless and set to 0. */
    public Gravity {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.FOCAL) {
            x = 0;
            y = 0;
        } else if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
            throw new IllegalArgumentException("focal point coordinates must be from 0 to 1");
        }
    }

    public static Gravity of(Kind kind) { return new Gravity(kind, 0, 0); }

    public static Gravity focal(double x, double y) { return new Gravity(Kind.FOCAL, x, y); }

    /** The {@code g} parameter value: "center", "smart", ..., or "fp:X,Y". */
    public String id() {
        return kind == Kind.FOCAL
                ? "fp:" + Values.decimalText(x) + "," + Values.decimalText(y)
                : kind.name().toLowerCase(Locale.ROOT);
    }
}
