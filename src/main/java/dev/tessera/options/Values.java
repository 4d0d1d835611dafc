package dev.tessera.options;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Parsers of parameter values, each returning null for an invalid value, and canonical number text. */
final class Values {
    /** Crop coordinates stay at most this, so x + width never overflows an int. */
    static final int MAX_CROP = 1_000_000_000;

    /** The {@code g} names: every gravity kind but the focal point, by id. */
    static final Map<String, Gravity> NAMED_GRAVITIES = namedGravities();

    /** ASCII digits only: no sign, no exponent, no spaces (leading zeros are harmless). */
    private static final Pattern INTEGER = Pattern.compile("[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+");
    private static final Pattern HEX_COLOR = Pattern.compile("[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?");

    private static final Function<String, Integer> CROP_OFFSET = integer(0, MAX_CROP);
    private static final Function<String, Integer> CROP_SIZE = integer(1, MAX_CROP);
    private static final Function<String, Double> UNIT = decimal(0, 1);

    private Values() {}

    static Function<String, Integer> integer(int min, int max) {
        Function<String, Double> number = number(INTEGER, min, max);
        return s -> {
            Double d = number.apply(s);
            return d == null ? null : d.intValue();
        };
    }

    static Function<String, Double> decimal(double min, double max) {
        return number(DECIMAL, min, max);
    }

    /** Digits of any length parse to a double (too many become infinite), so nothing overflows. */
    private static Function<String, Double> number(Pattern form, double min, double max) {
        return s -> {
            if (!form.matcher(s).matches()) return null;
            double d = Double.parseDouble(s);
            return d >= min && d <= max ? d : null;
        };
    }

    /** {@code X,Y,W,H}. */
    static Crop crop(String s) {
        String[] parts = s.split(",", -1);
        if (parts.length != 4) return null;
        Integer x = CROP_OFFSET.apply(parts[0]);
        Integer y = CROP_OFFSET.apply(parts[1]);
        Integer w = CROP_SIZE.apply(parts[2]);
        Integer h = CROP_SIZE.apply(parts[3]);
        return x == null || y == null || w == null || h == null ? null : new Crop(x, y, w, h);
    }

    /** A gravity name, or {@code fp:X,Y}. */
    static Gravity gravity(String s) {
        if (!s.startsWith("fp:")) return NAMED_GRAVITIES.get(s);
        String[] xy = s.substring("fp:".length()).split(",", -1);
        if (xy.length != 2) return null;
        Double x = UNIT.apply(xy[0]);
        Double y = UNIT.apply(xy[1]);
        return x == null || y == null ? null : Gravity.focal(x, y);
    }

    /** {@code RRGGBB} or {@code RRGGBBAA}, any case. */
    static Color color(String s) {
        if (!HEX_COLOR.matcher(s).matches()) return null;
        return new Color(channel(s, 0), channel(s, 2), channel(s, 4), s.length() == 8 ? channel(s, 6) : 255);
    }

    /** The shortest plain decimal of a finite number: 2.0 gives "2", 0.50 gives "0.5". */
    static String decimalText(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** A flag as written in a query: "0" or "1". */
    static String bit(boolean b) {
        return b ? "1" : "0";
    }

    private static int channel(String hex, int at) {
        return HexFormat.fromHexDigits(hex, at, at + 2);
    }

    private static Map<String, Gravity> namedGravities() {
        Map<String, Gravity> byId = new LinkedHashMap<>();
        Arrays.stream(Gravity.Kind.values()).filter(k -> k != Gravity.Kind.FOCAL).map(Gravity::of)
                .forEach(g -> byId.put(g.id(), g));
        return byId;
    }
}
