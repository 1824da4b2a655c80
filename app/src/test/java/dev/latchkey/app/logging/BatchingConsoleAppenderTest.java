package dev.latchkey.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchingConsoleAppenderTest {
    private final LoggerContext context = newContext();
    private final Logger logger = context.getLogger("test");
    private final Sink sink = new Sink();
    private BatchingConsoleAppender appender;

    /** Collects what is written; can be held shut to play a console that stopped reading. */
    private static final class Sink extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private int writes;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                bytes.write(b, off, len);
                writes++;
            }
        }

        synchronized List<String> lines() {
            String text = bytes.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
        }

        synchronized int writes() {
            return writes;
        }
    }

    private static LoggerContext newContext() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        return context;
    }

    private BatchingConsoleAppender start(long flushMillis, int queueSize) {
        return start(flushMillis, queueSize, new PatternLayoutEncoder());
    }

    private BatchingConsoleAppender start(long flushMillis, int queueSize, PatternLayoutEncoder encoder) {
        encoder.setContext(context);
        encoder.setPattern("%level %msg%n");
        encoder.start();
        appender = new BatchingConsoleAppender();
        appender.setContext(context);
        appender.setName("test");
        appender.setEncoder(encoder);
        appender.setFlushMillis(flushMillis);
        appender.setQueueSize(queueSize);
        appender.setTarget(() -> sink);
        appender.start();
        assertThat(appender.isStarted()).isTrue();
        return appender;
    }

    private void log(Level level, String message) {
        appender.doAppend(new LoggingEvent(Logger.FQCN, logger, level, message, null, null));
    }

    @AfterEach
    void stop() {
        if (appender != null) {
            sink.gate.countDown();
            appender.stop();
        }
    }

    @Test
    void linesFromManyThreadsComeOutWholeInOrderAndWithoutWaitingForStop() throws Exception {
        start(20, 65_536);
        int threads = 4;
        int perThread = 2_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    log(Level.INFO, "t" + id + " n" + i);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        await(() -> sink.lines().size() == threads * perThread);

        Map<String, Integer> last = new HashMap<>();
        for (String line : sink.lines()) {
            assertThat(line).matches("INFO t\\d n\\d+");
            String[] parts = line.substring(5).split(" n");
            int n = Integer.parseInt(parts[1]);
            assertThat(n).as("order within thread %s", parts[0]).isEqualTo(last.getOrDefault(parts[0], -1) + 1);
            last.put(parts[0], n);
        }
        assertThat(sink.writes()).as("lines are written in batches, not one call each").isLessThan(threads * perThread / 10);
    }

    @Test
    void stopWritesWhatIsStillQueued() {
        start(60_000, 65_536);
        for (int i = 0; i < 100; i++) {
            log(Level.INFO, "line " + i);
        }
        appender.stop();
        assertThat(sink.lines()).hasSize(100).startsWith("INFO line 0").endsWith("INFO line 99");
    }

    @Test
    void aWarningIsWrittenAtOnceAfterWhatCameBeforeIt() {
        start(60_000, 65_536);
        log(Level.INFO, "before");
        log(Level.WARN, "trouble");
        await(() -> sink.lines().size() == 2);
        assertThat(sink.lines()).containsExactly("INFO before", "WARN trouble");
    }

    @Test
    void aFullQueueMakesTheLoggerWaitInsteadOfGrowingOrDropping() throws Exception {
        sink.gate = new CountDownLatch(1); // the console stops reading
        start(1, 10);
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 50; i++) {
                log(Level.INFO, "line " + i);
            }
        });
        producer.join(500);
        assertThat(producer.isAlive()).as("the logger waits while the queue is full").isTrue();
        assertThat(sink.lines()).isEmpty();

        sink.gate.countDown(); // the console reads again
        producer.join(5_000);
        assertThat(producer.isAlive()).isFalse();
        await(() -> sink.lines().size() == 50);
        assertThat(sink.lines()).startsWith("INFO line 0").endsWith("INFO line 49").doesNotHaveDuplicates();
    }

    @Test
    void anEventThatCannotBeEncodedIsSkippedAndTheWriterCarriesOn() {
        start(10, 65_536, new PatternLayoutEncoder() {
            @Override
            public byte[] encode(ILoggingEvent event) {
                if (event.getMessage().equals("boom")) {
                    throw new IllegalStateException("cannot encode");
                }
                return super.encode(event);
            }
        });
        log(Level.INFO, "before");
        log(Level.INFO, "boom");
        log(Level.INFO, "after");
        await(() -> sink.lines().size() == 2);
        log(Level.INFO, "later");
        await(() -> sink.lines().size() == 3);
        assertThat(sink.lines()).containsExactly("INFO before", "INFO after", "INFO later");
    }

    @Test
    void withoutAnEncoderItDoesNotStart() {
        BatchingConsoleAppender bare = new BatchingConsoleAppender();
        bare.setContext(context);
        bare.start();
        assertThat(bare.isStarted()).isFalse();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 5 s").isLessThan(deadline);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
