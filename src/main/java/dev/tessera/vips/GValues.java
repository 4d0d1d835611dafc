package dev.tessera.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Moves Java values in and out of GObject properties through GValues of the property's own type. */
final class GValues {
    private static long blobType, arrayDoubleType, arrayIntType, arrayImageType;
    private static long interpretationType, bandFormatType;

    private GValues() {}

    static void loadTypes() {
        blobType = LibVips.blobType();
        arrayDoubleType = LibVips.arrayDoubleType();
        arrayIntType = LibVips.arrayIntType();
        arrayImageType = LibVips.arrayImageType();
        interpretationType = LibVips.interpretationType();
        bandFormatType = LibVips.bandFormatType();
    }

    static long interpretationType() { return interpretationType; }
    static long bandFormatType() { return bandFormatType; }

    /** The GType of an operation's argument, from its GParamSpec (always right, unlike g_type_from_name). */
    static long argumentType(Arena arena, MemorySegment operation, String operationName, String name,
                             MemorySegment cName) {
        MemorySegment pspecOut = arena.allocate(ADDRESS);
        MemorySegment classOut = arena.allocate(ADDRESS);
        MemorySegment instanceOut = arena.allocate(ADDRESS);
        if (LibVips.getArgument(operation, cName, pspecOut, classOut, instanceOut) != 0) {
            LibVips.takeError();
            throw new VipsException(operationName, "no argument '" + name + "'");
        }
        MemorySegment pspec = pspecOut.get(ADDRESS, 0).reinterpret(LibVips.PSPEC_VALUE_TYPE_OFFSET + 8);
        return pspec.get(JAVA_LONG, LibVips.PSPEC_VALUE_TYPE_OFFSET);
    }

    static void set(Arena arena, MemorySegment operation, String operationName, String name, Object value) {
        MemorySegment cName = arena.allocateFrom(name);
        long type = argumentType(arena, operation, operationName, name, cName);
        MemorySegment gvalue = arena.allocate(LibVips.GVALUE_SIZE, 8);
        LibVips.valueInit(gvalue, type);
        try {
            write(arena, gvalue, type, operationName + "." + name, value);
            LibVips.setProperty(operation, cName, gvalue);
        } finally {
            LibVips.valueUnset(gvalue);
        }
    }

    static Object get(Arena arena, MemorySegment operation, String operationName, String name) {
        MemorySegment cName = arena.allocateFrom(name);
        long type = argumentType(arena, operation, operationName, name, cName);
        MemorySegment gvalue = arena.allocate(LibVips.GVALUE_SIZE, 8);
        LibVips.valueInit(gvalue, type);
        try {
            LibVips.getProperty(operation, cName, gvalue);
            return read(arena, gvalue, type);
        } finally {
            LibVips.valueUnset(gvalue);
        }
    }

    private static void write(Arena arena, MemorySegment gvalue, long type, String where, Object value) {
        long fundamental = LibVips.fundamental(type);
        if (fundamental == LibVips.G_TYPE_BOOLEAN && value instanceof Boolean b) {
            LibVips.setBoolean(gvalue, b);
        } else if (fundamental == LibVips.G_TYPE_INT && value instanceof Number n) {
            LibVips.setInt(gvalue, Math.toIntExact(n.longValue()));
        } else if (fundamental == LibVips.G_TYPE_INT64 && value instanceof Number n) {
            LibVips.setInt64(gvalue, n.longValue());
        } else if (fundamental == LibVips.G_TYPE_UINT64 && value instanceof Number n) {
            LibVips.setUint64(gvalue, n.longValue());
        } else if (fundamental == LibVips.G_TYPE_DOUBLE && value instanceof Number n) {
            LibVips.setDouble(gvalue, n.doubleValue());
        } else if (fundamental == LibVips.G_TYPE_ENUM) {
            LibVips.setEnum(gvalue, enumValue(arena, type, where, value, false));
        } else if (fundamental == LibVips.G_TYPE_FLAGS) {
            LibVips.setFlags(gvalue, enumValue(arena, type, where, value, true));
        } else if (fundamental == LibVips.G_TYPE_STRING && value instanceof String s) {
            LibVips.setString(gvalue, arena.allocateFrom(s));
        } else if (fundamental == LibVips.G_TYPE_OBJECT && value instanceof VipsImage image) {
            LibVips.setObject(gvalue, image.pointer());
        } else if (fundamental == LibVips.G_TYPE_BOXED) {
            MemorySegment area = boxed(arena, type, where, value);
            LibVips.setBoxed(gvalue, area);
            LibVips.areaUnref(area);
        } else {
            throw new IllegalArgumentException(where + ": cannot take a " + value.getClass().getSimpleName());
        }
    }

    private static int enumValue(Arena arena, long type, String where, Object value, boolean flags) {
        if (value instanceof Integer i) return i;
        if (!(value instanceof String nick)) {
            throw new IllegalArgumentException(where + ": expects a nick or an int");
        }
        MemorySegment domain = arena.allocateFrom("tessera");
        MemorySegment cNick = arena.allocateFrom(nick);
        int v = flags ? LibVips.flagsFromNick(domain, type, cNick) : LibVips.enumFromNick(domain, type, cNick);
        if (v < 0) throw new VipsException(where, LibVips.takeError());
        return v;
    }

    private static MemorySegment boxed(Arena arena, long type, String where, Object value) {
        MemorySegment area;
        if (type == blobType && value instanceof byte[] bytes) {
            area = LibVips.blobCopy(MemorySegment.ofArray(bytes), bytes.length);
        } else if (type == arrayDoubleType && value instanceof double[] d) {
            area = LibVips.arrayDoubleNew(arena.allocateFrom(JAVA_DOUBLE, d), d.length);
        } else if (type == arrayIntType && value instanceof int[] ints) {
            area = LibVips.arrayIntNew(arena.allocateFrom(JAVA_INT, ints), ints.length);
        } else if (type == arrayImageType && value instanceof VipsImage[] images) {
            MemorySegment pointers = arena.allocate(ADDRESS, images.length);
            for (int i = 0; i < images.length; i++) pointers.setAtIndex(ADDRESS, i, images[i].pointer());
            area = LibVips.arrayImageNew(pointers, images.length);
        } else {
            throw new IllegalArgumentException(where + ": cannot take a " + value.getClass().getSimpleName());
        }
        if (area.equals(MemorySegment.NULL)) throw new VipsException(where, LibVips.takeError());
        return area;
    }

    private static Object read(Arena arena, MemorySegment gvalue, long type) {
        long fundamental = LibVips.fundamental(type);
        if (fundamental == LibVips.G_TYPE_OBJECT) {
            MemorySegment object = LibVips.getObject(gvalue);
            if (object.equals(MemorySegment.NULL)) return null;
            LibVips.ref(object);
            return new VipsImage(object);
        }
        if (fundamental == LibVips.G_TYPE_BOXED) return readBoxed(arena, gvalue, type);
        if (fundamental == LibVips.G_TYPE_DOUBLE) return LibVips.getDouble(gvalue);
        if (fundamental == LibVips.G_TYPE_INT) return LibVips.getInt(gvalue);
        if (fundamental == LibVips.G_TYPE_BOOLEAN) return LibVips.getBoolean(gvalue);
        if (fundamental == LibVips.G_TYPE_ENUM) return LibVips.getEnum(gvalue);
        if (fundamental == LibVips.G_TYPE_STRING) {
            MemorySegment s = LibVips.getString(gvalue);
            return s.equals(MemorySegment.NULL) ? null : s.reinterpret(Long.MAX_VALUE).getString(0);
        }
        throw new IllegalArgumentException("cannot read a value of GType " + type);
    }

    private static Object readBoxed(Arena arena, MemorySegment gvalue, long type) {
        MemorySegment area = LibVips.getBoxed(gvalue);
        if (area.equals(MemorySegment.NULL)) return null;
        MemorySegment length = arena.allocate(JAVA_LONG);
        MemorySegment count = arena.allocate(JAVA_INT);
        MemorySegment data = LibVips.areaGetData(area, length, count);
        if (type == blobType) {
            long n = length.get(JAVA_LONG, 0);
            return data.reinterpret(n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        }
        int n = count.get(JAVA_INT, 0);
        if (type == arrayDoubleType) return data.reinterpret(8L * n).toArray(JAVA_DOUBLE);
        if (type == arrayIntType) return data.reinterpret(4L * n).toArray(JAVA_INT);
        throw new IllegalArgumentException("cannot read a boxed value of GType " + type);
    }
}
