package dev.tessera.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the configuration records from the YAML tree by their components and canonical constructors (Jackson's
 * databind did it in ~300 ms of every start, introspecting the records). One problem per bad value, by its key:
 * {@code port: must be a whole number, not 'eighty'}; an unknown enum value is read as null and named with the
 * values it may take, so the validator still lists every other problem.
 */
final class ConfigBinder {
    /** The YAML key of a record component whose name is not its key ({@code default} is a Java keyword). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Key {
        String value();
    }

    private final List<String> problems;
    private boolean allRead = true;

    ConfigBinder(List<String> problems) {
        this.problems = problems;
    }

    /** The record of {@code type} read from the mapping {@code tree}; null when the root is unusable. */
    <T> T bind(JsonNode tree, Class<T> type) {
        return type.cast(value(tree, type, ""));
    }

    /**
     * False when a value had the wrong type (reported): its record holds a null or zero in its place, which the
     * validator would misread. An unknown enum value leaves it true: the validator knows a null kind.
     */
    boolean allRead() {
        return allRead;
    }

    private Object value(JsonNode node, Type type, String key) {
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            return p.getRawType() == List.class ? list(node, args[0], key) : map(node, args[1], key);
        }
        Class<?> c = (Class<?>) type;
        if (c == JsonNode.class) return node;
        if (node == null || node.isNull()) return nullFor(c, key);
        if (c == String.class) return node.isValueNode() ? node.asText() : wrong(key, "must be text", node);
        if (c == int.class || c == Integer.class) return (int) whole(node, key, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (c == long.class || c == Long.class) return whole(node, key, Long.MIN_VALUE, Long.MAX_VALUE);
        if (c == double.class || c == Double.class) return decimal(node, key);
        if (c == boolean.class || c == Boolean.class) return bool(node, key);
        if (c == Path.class) return path(node, key);
        if (c.isEnum()) return constant(node, c.getEnumConstants(), key);
        if (c.isRecord()) return record(node, c, key);
        throw new IllegalStateException(key + ": no binding for " + c); // a new component type needs one here
    }

    /** Null where the defaults may have it (text, optional numbers, an unset kind); elsewhere a problem. */
    private Object nullFor(Class<?> c, String key) {
        if (c == String.class || c.isEnum() || c == Integer.class || c == Long.class || c == Double.class) return null;
        if (c == int.class || c == long.class) return wrong(key, "must be a whole number", null);
        if (c == double.class) return wrong(key, "must be a number", null);
        if (c == boolean.class || c == Boolean.class) return wrong(key, "must be true or false", null);
        if (c == Path.class) return wrong(key, "must be a path", null);
        return wrong(key, "must be a mapping", null);
    }

    private Object record(JsonNode node, Class<?> type, String key) {
        if (!node.isObject()) return wrong(key, "must be a mapping", node);
        RecordComponent[] components = type.getRecordComponents();
        List<String> names = new ArrayList<>();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            Key renamed = rc.getAnnotation(Key.class);
            String name = renamed != null ? renamed.value() : rc.getName();
            names.add(name);
            args[i] = value(node.get(name), rc.getGenericType(), join(key, name));
            if (args[i] == null && rc.getType().isPrimitive()) args[i] = zero(rc.getType()); // reported
        }
        node.fieldNames().forEachRemaining(n -> {
            if (!names.contains(n)) problems.add(join(key, n) + ": unknown setting");
        });
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            return wrong(key, String.valueOf(e.getCause().getMessage()), node);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " has no accessible canonical constructor", e);
        }
    }

    private Object list(JsonNode node, Type element, String key) {
        if (node == null || node.isNull() || !node.isArray()) return wrong(key, "must be a list", node);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = key + "[" + i + "]";
            Object v = value(node.get(i), element, at);
            if (v == null) return wrong(at, "must not be empty", null);
            values.add(v);
        }
        return List.copyOf(values);
    }

    private Object map(JsonNode node, Type valueType, String key) {
        if (node == null || node.isNull() || !node.isObject()) return wrong(key, "must be a mapping", node);
        Map<String, Object> values = new LinkedHashMap<>();
        node.properties().forEach(e -> values.put(e.getKey(), value(e.getValue(), valueType, join(key, e.getKey()))));
        return Collections.unmodifiableMap(values);
    }

    private long whole(JsonNode node, String key, long min, long max) {
        if (node.isIntegralNumber() && node.canConvertToLong()) return inRange(node.asLong(), node, key, min, max);
        if (node.isTextual()) {
            try {
                return inRange(Long.parseLong(node.asText().strip()), node, key, min, max);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        wrong(key, "must be a whole number", node);
        return 0;
    }

    private long inRange(long v, JsonNode node, String key, long min, long max) {
        if (v >= min && v <= max) return v;
        wrong(key, "must be a whole number from " + min + " to " + max, node);
        return 0;
    }

    private double decimal(JsonNode node, String key) {
        if (node.isNumber()) return node.asDouble();
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        wrong(key, "must be a number", node);
        return 0;
    }

    private boolean bool(JsonNode node, String key) {
        if (node.isBoolean()) return node.asBoolean();
        if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
            return node.asText().equals("true");
        }
        wrong(key, "must be true or false", node);
        return false;
    }

    private Path path(JsonNode node, String key) {
        if (!node.isValueNode()) return (Path) wrong(key, "must be a path", node);
        try {
            return Path.of(node.asText());
        } catch (InvalidPathException e) {
            return (Path) wrong(key, "must be a path (" + e.getReason() + ")", node);
        }
    }

    /** The constant whose {@code toString()} is the text: {@link StorageKind}'s {@code fs}, {@code s3}, ... */
    private Object constant(JsonNode node, Object[] constants, String key) {
        String text = node.isValueNode() ? node.asText() : node.toString();
        for (Object c : constants) {
            if (c.toString().equals(text)) return c;
        }
        problems.add(key + ": must be " + choices(constants) + ", not '" + text + "'");
        return null;
    }

    /** {@code fs, s3 or mirror}: the values as the configuration spells them. */
    static String choices(Object[] values) {
        List<String> ids = Arrays.stream(values).map(String::valueOf).toList();
        return ids.size() == 1 ? ids.getFirst()
                : String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.getLast();
    }

    /** Reports {@code key: problem, not 'value'} (the value only when there is one); returns null for the value. */
    private Object wrong(String key, String problem, JsonNode value) {
        allRead = false;
        String shown = value == null || value.isNull() ? ""
                : ", not " + (value.isValueNode() ? "'" + value.asText() + "'" : value.isArray() ? "a list" : "a mapping");
        problems.add((key.isEmpty() ? "configuration" : key) + ": " + problem + shown);
        return null;
    }

    private static Object zero(Class<?> primitive) {
        return primitive == boolean.class ? false : primitive == double.class ? 0.0
                : primitive == long.class ? 0L : (Object) 0;
    }

    private static String join(String key, String name) {
        return key.isEmpty() ? name : key + "." + name;
    }
}
