package dev.tessera.vips;

import java.util.ArrayList;
import java.util.List;

/**
 * Child-process workload of {@link OrcGuardTest} and bench/orc-race: threads that each build reduces with
 * changing factors (each compiles liborc programs) and close them (each frees them), as concurrent renders do.
 * Args: threads, iterations per thread, and "force" to turn libvips' vector code on even without the guard.
 * Prints "vectors on|off" first and "done N" at the end; a crash ends the process without the second line.
 */
public final class OrcStress {
    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        Vips.init();
        if (args.length > 2 && args[2].equals("force")) LibVips.vectorSetEnabled(true);
        System.out.println("vectors " + (Vips.vectorPaths() ? "on" : "off"));
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            workers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < iterations; i++) reduce(64 + i % 7, 1.5 + ((i + seed) % 13) * 0.37);
            }));
        }
        for (Thread w : workers) w.join();
        System.out.println("done " + threads * iterations);
    }

    private static void reduce(int width, double factor) {
        try (VipsImage black = Vips.operation("black").set("width", width).set("height", 64).set("bands", 3).image();
             VipsImage small = Vips.operation("reduce").set("in", black).set("hshrink", factor)
                     .set("vshrink", factor).image()) {
            Vips.operation("avg").set("in", small).doubleValue("out");
        }
    }
}
