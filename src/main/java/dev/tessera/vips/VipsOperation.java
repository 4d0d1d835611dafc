package dev.tessera.vips;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call of a libvips operation by name: set its inputs, then read its outputs. Runs
 * libvips' generic sequence (new, set properties, build, get properties, unref) in one go
 * on the calling thread, so nothing native outlives the call but the images it returns.
 * Builds bypass libvips' operation cache: every call gets outputs of its own.
 */
public final class VipsOperation {
    private final String name;
    private final Map<String, Object> inputs = new LinkedHashMap<>();

    VipsOperation(String name) {
        this.name = name;
    }

    /**
     * Sets an input. Values: Boolean, Integer/Long, Double, String (also enum and flag nicks),
     * VipsImage, byte[] (blob), double[], int[], VipsImage[]. A null value leaves the default.
     */
    public VipsOperation set(String argument, Object value) {
        if (value != null) inputs.put(argument, value);
        return this;
    }

    /** Runs the operation and returns its {@code out} image. */
    public VipsImage image() {
        return image("out");
    }

    public VipsImage image(String output) {
        return (VipsImage) call(output).get(output);
    }

    /** Runs the operation and returns a blob output, e.g. {@code buffer} of a {@code *save_buffer}. */
    public byte[] blob(String output) {
        return (byte[]) call(output).get(output);
    }

    public double doubleValue(String output) {
        return (Double) call(output).get(output);
    }

    /**
     * Runs the operation and reads the named outputs; the caller closes any image among them. A thumbnail finds
     * its loader by sniffing: one that fails while the HEIF module is unopened runs again with it open.
     */
    public Map<String, Object> call(String... outputs) {
        boolean mayNeedModule = name.startsWith("thumbnail") && VipsModules.pending();
        try {
            return callOnce(outputs);
        } catch (VipsException e) {
            if (!mayNeedModule) throw e;
            VipsModules.open();
            return callOnce(outputs);
        }
    }

    private Map<String, Object> callOnce(String[] outputs) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment op = LibVips.operationNew(arena.allocateFrom(name));
            if (op.equals(MemorySegment.NULL)) {
                throw new VipsException(name, "unknown libvips operation: " + LibVips.takeError());
            }
            try {
                for (Map.Entry<String, Object> input : inputs.entrySet()) {
                    GValues.set(arena, op, name, input.getKey(), input.getValue());
                }
                if (LibVips.build(op) != 0) throw new VipsException(name, LibVips.takeError());
                return readOutputs(arena, op, outputs);
            } finally {
                LibVips.unrefOutputs(op);
                LibVips.unref(op);
            }
        }
    }

    private Map<String, Object> readOutputs(Arena arena, MemorySegment op, String[] outputs) {
        Map<String, Object> results = new LinkedHashMap<>();
        try {
            for (String output : outputs) results.put(output, GValues.get(arena, op, name, output));
            return results;
        } catch (RuntimeException e) {
            results.values().forEach(v -> { if (v instanceof VipsImage i) i.close(); });
            throw e;
        }
    }
}
