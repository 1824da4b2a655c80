package dev.latchkey.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What {@link SignRate} and {@link LookupRate} share: a counter per worker thread, each on a cache line of its own so
 * that the threads do not slow each other down, and the measured window after a warm-up, with this process's CPU time
 * over it.
 */
final class RateWindow {
    private static final int STRIDE = 16; // one counter per 128 bytes

    private final AtomicLongArray counts;

    RateWindow(int threads) {
        this.counts = new AtomicLongArray(threads * STRIDE);
    }

    /** Worker {@code thread} has done {@code n} operations so far. */
    void done(int thread, long n) {
        counts.lazySet(thread * STRIDE, n);
    }

    /** Waits {@code warmupSeconds}, then measures for {@code seconds} while the workers go on. */
    Window measure(double warmupSeconds, double seconds) throws InterruptedException {
        Thread.sleep((long) (warmupSeconds * 1000));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = sum();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long c1 = sum();
        long cpu1 = os.getProcessCpuTime();
        long t1 = System.nanoTime();
        return new Window(c1 - c0, (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9);
    }

    private long sum() {
        long s = 0;
        for (int i = 0; i < counts.length(); i += STRIDE) {
            s += counts.get(i);
        }
        return s;
    }

    /** The operations done in the window, its length and this process's CPU time in it, in seconds. */
    record Window(long operations, double wallSeconds, double cpuSeconds) {
        double perSecond() {
            return operations / wallSeconds;
        }

        double cpuCores() {
            return cpuSeconds / wallSeconds;
        }

        double cpuMicrosPerOperation() {
            return operations == 0 ? 0 : cpuSeconds * 1e6 / operations;
        }
    }
}
