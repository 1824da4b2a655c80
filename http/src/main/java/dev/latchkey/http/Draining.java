package dev.latchkey.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The outermost handler: counts the requests in flight, so that a shutdown can wait for them (decision record
 * 0022). Once {@link #begin} is called, every answer not yet sent carries {@code Connection: close} (those in
 * flight included), so a client on a kept-alive connection gets the answer to the request it already sent and
 * then reconnects, to another node. Readiness
 * reads {@link #isDraining}.
 */
final class Draining extends Handler.Wrapper {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean draining;

    Draining(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        inFlight.incrementAndGet();
        Response closing = new Response.Wrapper(request, response) {
            @Override
            public void write(boolean last, ByteBuffer content, Callback written) {
                if (draining && !isCommitted()) { // a request in flight when the drain began closes too
                    getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
                }
                super.write(last, content, written);
            }
        };
        if (draining) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        Callback counted = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                done();
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                done();
                super.failed(x);
            }
        };
        boolean handled;
        try {
            handled = super.handle(request, closing, counted);
        } catch (Throwable t) {
            done();
            throw t;
        }
        if (!handled) {
            done();
        }
        return handled;
    }

    private void done() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** From now on readiness fails and answers close their connections. */
    void begin() {
        draining = true;
    }

    boolean isDraining() {
        return draining;
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Waits until no request is in flight or {@code limit} has passed; returns how many are still in flight. */
    int awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
        return Math.max(0, inFlight.get());
    }
}
