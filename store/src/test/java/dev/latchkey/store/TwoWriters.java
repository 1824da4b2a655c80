package dev.latchkey.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Two writers released at once, as two nodes writing the same rows: what the store contracts' races are made of. */
final class TwoWriters {
    private TwoWriters() {
    }

    /** One writer's whole work; {@code second} tells the two apart (the second names the rows in reverse order). */
    interface Writer {
        void write(boolean second) throws Exception;
    }

    /** Runs {@code writer} on two threads at once and waits for both; either's failure is thrown here. */
    static void atOnce(Writer writer) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (boolean second : new boolean[] {false, true}) {
                writers.add(pool.submit(() -> {
                    start.await();
                    writer.write(second);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> each : writers) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
