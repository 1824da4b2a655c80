package dev.latchkey.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Writes log lines to standard output from one background thread, in batches: every {@code flushMillis}
 * (default 50 ms) it takes what has been logged, encodes it and writes it with one call, then flushes. A request
 * thread only queues its event; it does not wake a thread, make a system call or wait for the console, which
 * the per-request access line would otherwise cost on every request (decision 0012).
 *
 * <p>Guarantees: lines come out in the order they were logged and whole (one writer); a {@code WARN} or
 * {@code ERROR} wakes the writer at once; at most {@code queueSize} events wait, and a logger that finds the
 * queue full waits until there is room, so a console that stops reading slows the server down instead of
 * filling its memory or losing lines; {@link #stop()} (logback's shutdown hook) writes everything still queued.
 */
public final class BatchingConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final int MAX_CHUNK = 64 * 1024;
    private Encoder<ILoggingEvent> encoder;
    private long flushMillis = 50;
    private int queueSize = 65_536;
    private Supplier<OutputStream> target = () -> System.out;

    private final ConcurrentLinkedQueue<ILoggingEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream(MAX_CHUNK);
    private volatile boolean running;
    private volatile Thread writer;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    public Encoder<ILoggingEvent> getEncoder() {
        return encoder;
    }

    public void setFlushMillis(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    /** Where the lines go; standard output unless a test says otherwise. */
    void setTarget(Supplier<OutputStream> target) {
        this.target = target;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("No encoder set for the appender named \"" + name + "\".");
            return;
        }
        if (flushMillis < 1 || queueSize < 1) {
            addError("flushMillis and queueSize must be positive for the appender named \"" + name + "\".");
            return;
        }
        running = true;
        writer = Thread.ofPlatform().daemon().name("log-writer-" + name).start(this::writeLoop);
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        int n = queued.incrementAndGet();
        while (n > queueSize && running) { // full: wait for the writer rather than grow or drop
            LockSupport.unpark(writer);
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
            n = queued.get();
        }
        queue.add(event);
        if (event.getLevel().isGreaterOrEqual(Level.WARN) || n == queueSize / 2) {
            LockSupport.unpark(writer);
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop(); // no new events from here on
        running = false;
        Thread w = writer;
        LockSupport.unpark(w);
        try {
            w.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (w.isAlive()) {
            addWarn("The log writer did not finish in 5 s; some lines may be missing.");
        }
    }

    private void writeLoop() {
        long interval = TimeUnit.MILLISECONDS.toNanos(flushMillis);
        while (running) {
            drain();
            LockSupport.parkNanos(this, interval);
        }
        drain();
    }

    /**
     * Encodes and writes everything queued, in chunks of whole lines, then flushes. Writer thread only. An event
     * that cannot be encoded is reported and skipped: the writer must not die, or every logger would end up
     * waiting on a full queue.
     */
    private void drain() {
        ILoggingEvent event;
        boolean any = false;
        OutputStream out = target.get();
        while ((event = queue.poll()) != null) {
            queued.decrementAndGet();
            any = true;
            try {
                batch.writeBytes(encoder.encode(event));
            } catch (RuntimeException e) {
                addError("A log event could not be encoded and was skipped.", e);
            }
            if (batch.size() >= MAX_CHUNK) {
                write(out);
            }
        }
        write(out);
        if (any) {
            try {
                out.flush();
            } catch (IOException e) {
                addError("Flushing log lines failed.", e);
            }
        }
    }

    private void write(OutputStream out) {
        if (batch.size() == 0) {
            return;
        }
        try {
            batch.writeTo(out);
        } catch (IOException e) {
            addError("Writing log lines failed; " + batch.size() + " bytes lost.", e);
        }
        batch.reset();
    }
}
