package dev.latchkey.http;

import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request's transaction id: the client's {@code Transaction-Id} header when sent (IBM's convention), else a
 * new random one. Echoed as a response header and as {@code trace} in error bodies.
 */
public final class Trace {
    public static final String HEADER = "Transaction-Id";
    static final String ATTRIBUTE = "latchkey.trace";
    static final String START_ATTRIBUTE = "latchkey.start";
    private static final int MAX_LENGTH = 128;
    private static final java.util.regex.Pattern SAFE = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]+");

    private Trace() {
    }

    static void begin(Context ctx) {
        ctx.attribute(START_ATTRIBUTE, java.time.Instant.now());
        String id = ctx.header(HEADER);
        if (id == null || id.isBlank() || id.length() > MAX_LENGTH || !SAFE.matcher(id).matches()) {
            id = "lk-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + Long.toHexString(ThreadLocalRandom.current().nextLong());
        }
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "" : id;
    }
}
