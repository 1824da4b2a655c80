package dev.latchkey.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Reads by key one at a time for its callers, but sends the reads that wait at the same moment to the database as
 * one statement ({@code readAll}, up to {@code maxBatch} keys): a cache's misses under load then share round trips,
 * whose cost on the client and in the database is mostly per statement, not per key (decision 0050).
 *
 * <p>The statements run on at most {@code concurrency} platform threads of the reader's own, started as reads
 * arrive and ended after a while idle. A read that finds one free is sent at once, alone if nobody else waits, so a
 * lone miss waits for nothing but the hand-over; the reads that arrive while all are busy queue, and each thread
 * that finishes a statement sends the oldest of them next. The callers only wait: a caller parked inside a cache's
 * load may hold its carrier (a virtual thread pinned by {@code synchronized} before JDK 24), and what it waits for
 * must not need a carrier. A failed statement fails every read in it with the statement's exception, so the
 * caller sees what a read of its own would have thrown ({@link Database#isUnavailable} included).
 *
 * <p>A caller that holds a connection already ({@code holdsConnection}: inside a transaction, say) reads its key
 * itself, at once, as a statement of its own on that connection, as it would without the reader. Sent by the reader
 * it would need a second connection while holding the first: with every connection of the pool held by such callers,
 * none would be left for the reader, and they would all wait until the pool's timeout. Thread-safe.
 */
public final class BatchingReader<V> implements Function<String, V> {
    /** How long a statement thread waits for work before it ends. */
    private static final long IDLE_SECONDS = 30;
    private final Function<Collection<String>, Map<String, V>> readAll;
    private final BooleanSupplier holdsConnection;
    private final int maxBatch;
    /** One permit per statement thread that may run: taken before one is started, given back when it ends. */
    private final Semaphore statements;
    private final ConcurrentLinkedQueue<Read<V>> waiting = new ConcurrentLinkedQueue<>();
    private final ThreadPoolExecutor threads;

    /** One caller's read: done once {@code value} or {@code failure} is set, which its thread is woken for. */
    private static final class Read<V> {
        final String key;
        final Thread caller = Thread.currentThread();
        V value;
        RuntimeException failure;
        volatile boolean done;

        Read(String key) {
            this.key = key;
        }

        void finish(V found, RuntimeException failed) {
            value = found;
            failure = failed;
            done = true;
            LockSupport.unpark(caller);
        }
    }

    /**
     * {@code readAll}: the values of the keys asked for, by key, a key without a value left out of the map (it reads
     * as null); it is called with at most {@code maxBatch} distinct keys, never none. {@code holdsConnection}: whether
     * the calling thread holds a connection {@code readAll} would use ({@link Database#holdsConnection}). {@code name}
     * names the threads.
     */
    public BatchingReader(String name, Function<Collection<String>, Map<String, V>> readAll,
                          BooleanSupplier holdsConnection, int maxBatch, int concurrency) {
        if (maxBatch < 1 || concurrency < 1) {
            throw new IllegalArgumentException("maxBatch and concurrency must be at least 1");
        }
        this.readAll = readAll;
        this.holdsConnection = holdsConnection;
        this.maxBatch = maxBatch;
        this.statements = new Semaphore(concurrency);
        AtomicInteger started = new AtomicInteger();
        // As many threads as permits, so a task never waits in the queue for long: only while the thread whose
        // permit it took is returning to the pool.
        this.threads = new ThreadPoolExecutor(concurrency, concurrency, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> Thread.ofPlatform().daemon()
                        .name(name + "-" + started.incrementAndGet()).unstarted(task));
        this.threads.allowCoreThreadTimeOut(true);
    }

    /** The value of {@code key}, null when it has none; throws what the statement that read it threw. */
    @Override
    public V apply(String key) {
        if (holdsConnection.getAsBoolean()) {
            return readAll.apply(List.of(key)).get(key);
        }
        Read<V> read = new Read<>(key);
        waiting.add(read);
        if (statements.tryAcquire()) {
            try {
                threads.execute(this::sendWhileWaiting);
            } catch (RuntimeException | Error e) { // no thread could be started: nothing will send this read
                statements.release();
                waiting.remove(read);
                throw e;
            }
        }
        boolean interrupted = false;
        while (!read.done) {
            LockSupport.park(this);
            // Waits on as a read of its own would (a statement is bounded by the pool's and the database's timeouts);
            // the interrupt is kept for the caller.
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (read.failure != null) {
            throw read.failure;
        }
        return read.value;
    }

    /** Sends the oldest reads waiting until none waits; holds a permit, which it gives back or hands on. */
    private void sendWhileWaiting() {
        try {
            while (sendOldest()) {
                // on to the next batch
            }
        } finally {
            statements.release();
            // A read queued after the last poll above found no permit free and started nothing: it is sent now.
            if (!waiting.isEmpty() && statements.tryAcquire()) {
                threads.execute(this::sendWhileWaiting);
            }
        }
    }

    /** Sends up to {@code maxBatch} of the oldest reads waiting as one statement; false when none waits. */
    private boolean sendOldest() {
        List<Read<V>> batch = new ArrayList<>(Math.min(maxBatch, 16));
        for (Read<V> next; batch.size() < maxBatch && (next = waiting.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return false;
        }
        Map<String, V> found;
        try {
            found = readAll.apply(batch.stream().map(r -> r.key).distinct().toList());
        } catch (RuntimeException e) {
            batch.forEach(r -> r.finish(null, e));
            return true;
        } catch (Error e) {
            batch.forEach(r -> r.finish(null, new IllegalStateException("the batched read failed", e)));
            throw e;
        }
        batch.forEach(r -> r.finish(found.get(r.key), null));
        return true;
    }
}
