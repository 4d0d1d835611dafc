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

    /** Submits {@code n} jobs of {@code tenant}, each once the one before is queued or refused. */
    static List<Future<Object>> submitOneByOne(ExecutorService callers, RenderPool pool, String tenant, int n,
                                               Callable<Object> task) throws InterruptedException {
        List<Future<Object>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int before = pool.queued();
            Future<Object> f = callers.submit(() -> pool.run(tenant, task));
            for (int w = 0; w < 500 && !f.isDone() && pool.queued() == before; w++) Thread.sleep(2);
            int after = pool.queued();
            assertThat(f.isDone() || after > before)
                    .as("job %d of %s neither refused nor queued (queued %d, then %d)", i, tenant, before, after)
                    .isTrue();
            all.add(f);
        }
        return all;
    }
}
