package dev.tessera.config;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a value that names no constant of its enum (e.g. {@code storage.kind: ftp}) as null and reports it as
 * {@code key: must be a, b or c, not 'ftp'}, so the configuration is still read and every other problem listed.
 */
final class UnknownValues extends DeserializationProblemHandler {
    private final List<String> problems;

    UnknownValues(List<String> problems) {
        this.problems = problems;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> type, String value, String failure) {
        if (!type.isEnum()) return NOT_HANDLED;
        problems.add(key(ctxt.getParser().getParsingContext()) + ": must be " + choices(type.getEnumConstants())
                + ", not '" + value + "'");
        return null;
    }

    /** {@code fs, s3 or mirror}: the values as the configuration spells them. */
    static String choices(Object[] values) {
        List<String> ids = Arrays.stream(values).map(String::valueOf).toList();
        return ids.size() == 1 ? ids.getFirst()
                : String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.getLast();
    }

    /** The validator's problems whose key has no problem in {@code reported} yet: one line per bad value. */
    static List<String> unreported(List<String> found, List<String> reported) {
        List<String> keys = reported.stream().map(UnknownValues::keyOf).toList();
        List<String> rest = new ArrayList<>(found);
        rest.removeIf(p -> keys.contains(keyOf(p)));
        return rest;
    }

    private static String keyOf(String problem) {
        return problem.substring(0, Math.max(0, problem.indexOf(": ")));
    }

    /** {@code storage.mirror.primary.kind} for the value being read. */
    private static String key(JsonStreamContext at) {
        List<String> names = new ArrayList<>();
        for (JsonStreamContext c = at; c != null && !c.inRoot(); c = c.getParent()) {
            names.addFirst(c.inArray() ? Integer.toString(c.getCurrentIndex()) : c.getCurrentName());
        }
        return String.join(".", names);
    }
}
