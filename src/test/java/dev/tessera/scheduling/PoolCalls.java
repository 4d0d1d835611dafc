package dev.tessera.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Submits render jobs to a pool from caller threads, for the scheduling tests. */
final class PoolCalls {
    private PoolCalls() {}

    /** How long a submitted job may take to be queued or refused: a loaded 2-core CI machine took over 1 s once. */
    private static final long SETTLE_NANOS = 10_000_000_000L;

    /** Submits {@code n} jobs of {@code tenant}, each once the one before is queued or refused. */
    static List<Future<Object>> submitOneByOne(ExecutorService callers, RenderPool pool, String tenant, int n,
                                               Callable<Object> task) throws InterruptedException {
        List<Future<Object>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int before = pool.queued();
            Future<Object> f = callers.submit(() -> pool.run(tenant, task));
            long deadline = System.nanoTime() + SETTLE_NANOS;
            while (!f.isDone() && pool.queued() == before && System.nanoTime() < deadline) Thread.sleep(2);
            assertThat(f.isDone() || pool.queued() > before).isTrue();
            all.add(f);
        }
        return all;
    }
}
