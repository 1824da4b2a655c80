package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BatchingReaderTest {
    /** Statements as {@code readAll} received them; each key reads as itself upper-cased, "absent" as none. */
    private final List<List<String>> statements = new CopyOnWriteArrayList<>();
    /** Opened by a test to let the first statement finish; the others never wait. */
    private final CountDownLatch firstMayFinish = new CountDownLatch(1);
    private final CountDownLatch firstStarted = new CountDownLatch(1);

    private Map<String, String> readAll(Collection<String> keys) {
        statements.add(List.copyOf(keys));
        if (statements.size() == 1) {
            firstStarted.countDown();
            try {
                firstMayFinish.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, String> found = new HashMap<>();
        keys.stream().filter(k -> !k.equals("absent")).forEach(k -> found.put(k, k.toUpperCase()));
        return found;
    }

    /** Starts {@code read} of each key on a thread of its own. */
    private static List<CompletableFuture<String>> start(Function<String, String> reader, List<String> keys) {
        List<CompletableFuture<String>> reads = new ArrayList<>();
        for (String key : keys) {
            CompletableFuture<String> read = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    read.complete(reader.apply(key));
                } catch (Throwable e) {
                    read.completeExceptionally(e);
                }
            });
            reads.add(read);
        }
        return reads;
    }

    /** Waits until each of {@code threads} is parked, waiting for a statement (the reader's queue is private). */
    private static void awaitParked(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(thread.getState()).as("%s waits for a statement", thread.getName())
                    .isEqualTo(Thread.State.WAITING);
        }
    }

    @Test
    void aLoneReadIsAStatementOfItsOwnAndAKeyWithoutAValueReadsAsNull() {
        firstMayFinish.countDown();
        BatchingReader<String> reader = new BatchingReader<>("test", this::readAll, () -> false, 32, 2);
        assertThat(reader.apply("a")).isEqualTo("A");
        assertThat(reader.apply("absent")).isNull();
        assertThat(statements).containsExactly(List.of("a"), List.of("absent"));
    }

    /**
     * Starts a read of "first" and holds its statement; runs each of {@code reads} on a thread of its own, and lets
     * the statement finish once all of them wait for the next; returns when all are done.
     */
    private void behindTheFirst(BatchingReader<String> reader, List<Runnable> reads) throws Exception {
        CompletableFuture<String> first = start(reader, List.of("first")).getFirst();
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<Thread> threads = new ArrayList<>();
        for (Runnable read : reads) {
            threads.add(Thread.ofPlatform().start(read));
        }
        awaitParked(threads);
        assertThat(statements).as("nothing is sent while the one statement runs").hasSize(1);
        firstMayFinish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }

    /** A read of {@code key} that puts its value (as text) or its exception into {@code results}. */
    private static Runnable read(BatchingReader<String> reader, String key, Map<String, Object> results) {
        return () -> {
            try {
                results.put(key, String.valueOf(reader.apply(key)));
            } catch (RuntimeException e) {
                results.put(key, e);
            }
        };
    }

    @Test
    void aKeyAskedTwiceWhileWaitingIsSentOnceAndBothReadsGetIt() throws Exception {
        BatchingReader<String> reader = new BatchingReader<>("test", this::readAll, () -> false, 32, 1);
        List<String> twice = new CopyOnWriteArrayList<>();
        Map<String, Object> results = new ConcurrentHashMap<>();
        behindTheFirst(reader, List.of(() -> twice.add(reader.apply("c")), () -> twice.add(reader.apply("c")),
                read(reader, "d", results)));
        assertThat(twice).containsExactly("C", "C");
        assertThat(results).containsEntry("d", "D");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(1)).containsExactlyInAnyOrder("c", "d");
    }

    @Test
    void readsThatWaitWhileEveryStatementRunsShareTheNextInBatchesOfAtMostMaxBatch() throws Exception {
        BatchingReader<String> reader = new BatchingReader<>("test", this::readAll, () -> false, 3, 1);
        Map<String, Object> results = new ConcurrentHashMap<>();
        behindTheFirst(reader, Stream.of("b", "c", "absent", "d", "e").map(key -> read(reader, key, results)).toList());
        assertThat(results).containsEntry("b", "B").containsEntry("c", "C").containsEntry("d", "D")
                .containsEntry("e", "E").containsEntry("absent", "null");
        List<List<String>> batches = statements.subList(1, statements.size());
        assertThat(batches).as("five waiting reads, at most three a statement").hasSize(2)
                .allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(3));
        assertThat(batches.stream().flatMap(List::stream)).containsExactlyInAnyOrder("b", "c", "absent", "d", "e");
    }

    @Test
    void aCallerThatHoldsAConnectionReadsItselfAtOnceEvenWhileEveryStatementRuns() throws Exception {
        BatchingReader<String> reader = new BatchingReader<>("test", this::readAll,
                () -> Thread.currentThread().getName().equals("holder"), 32, 1);
        CompletableFuture<String> first = start(reader, List.of("first")).getFirst();
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<String> read = new AtomicReference<>();
        Thread holder = Thread.ofPlatform().name("holder").start(() -> read.set(reader.apply("mine")));
        holder.join(10_000);
        assertThat(read.get()).as("read while the one statement still runs").isEqualTo("MINE");
        assertThat(statements.get(1)).containsExactly("mine");
        firstMayFinish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
    }

    @Test
    void aFailedStatementFailsEveryReadInItWithItsException() throws Exception {
        IllegalStateException down = new IllegalStateException("database down");
        CountDownLatch release = new CountDownLatch(1);
        List<List<String>> sent = new CopyOnWriteArrayList<>();
        BatchingReader<String> reader = new BatchingReader<>("test", keys -> {
            sent.add(List.copyOf(keys));
            if (sent.size() == 1) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return Map.of("first", "FIRST");
            }
            throw down;
        }, () -> false, 32, 1);
        List<CompletableFuture<String>> first = start(reader, List.of("first"));
        while (sent.isEmpty()) {
            Thread.sleep(5);
        }
        Map<String, Object> results = new ConcurrentHashMap<>();
        List<Thread> threads = Stream.of("x", "y").map(key -> Thread.ofPlatform().start(read(reader, key, results)))
                .toList();
        awaitParked(threads);
        release.countDown();
        assertThat(first.getFirst().get(10, TimeUnit.SECONDS)).isEqualTo("FIRST");
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(sent).hasSize(2);
        assertThat(results).containsEntry("x", down).containsEntry("y", down);
        assertThatThrownBy(() -> reader.apply("z")).isSameAs(down);
    }

    @Test
    void manyReadersOnFewStatementsAllGetTheirOwnValue() throws Exception {
        firstMayFinish.countDown();
        BatchingReader<String> reader = new BatchingReader<>("test", this::readAll, () -> false, 8, 2);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            keys.add("k" + i);
        }
        List<CompletableFuture<String>> reads = start(reader, keys);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(reads.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(keys.get(i).toUpperCase());
        }
        assertThat(statements).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(8));
        assertThat(statements.stream().mapToInt(List::size).sum()).isEqualTo(keys.size());
    }

    @Test
    void maxBatchAndConcurrencyMustBePositive() {
        assertThatThrownBy(() -> new BatchingReader<>("test", this::readAll, () -> false, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchingReader<>("test", this::readAll, () -> false, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
