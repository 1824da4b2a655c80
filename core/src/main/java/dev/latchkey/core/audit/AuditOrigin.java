package dev.latchkey.core.audit;

import java.util.function.Supplier;

/**
 * Where the request being served came from: the client's address and the request's trace id, which every audit
 * event recorded while serving it carries. The HTTP layer sets it for the thread that serves a request and clears
 * it afterwards; scheduled work has none ({@link #NONE}). Immutable.
 */
public record AuditOrigin(String address, String traceId) {
    public static final AuditOrigin NONE = new AuditOrigin(null, null);
    private static final ThreadLocal<Supplier<AuditOrigin>> CURRENT = new ThreadLocal<>();

    /** The origin of the request served on this thread, or {@link #NONE}. */
    public static AuditOrigin current() {
        Supplier<AuditOrigin> origin = CURRENT.get();
        return origin == null ? NONE : origin.get();
    }

    /** Marks the current thread as serving a request from {@code address} with {@code traceId}. */
    public static void begin(String address, String traceId) {
        AuditOrigin origin = new AuditOrigin(address, traceId);
        CURRENT.set(() -> origin);
    }

    /**
     * As {@link #begin(String, String)}, the address worked out only if an event is recorded (the hot routes record
     * none when they succeed, and need not pay for it).
     */
    public static void begin(Supplier<String> address, String traceId) {
        CURRENT.set(() -> new AuditOrigin(address.get(), traceId));
    }

    /** The request served on this thread is done. */
    public static void end() {
        CURRENT.remove();
    }
}
