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
    private static final int MAX_LENGTH = 128;
    private static final java.util.regex.Pattern SAFE = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]+");

    private Trace() {
    }

    static void begin(Context ctx) {
        String id = idFrom(ctx.header(HEADER));
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    /** The client's id when it is short and plain (it is echoed and logged), else a new one. */
    static String idFrom(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_LENGTH || !SAFE.matcher(header).matches()) {
            return "lk-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + Long.toHexString(ThreadLocalRandom.current().nextLong());
        }
        return header;
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "" : id;
    }
}
