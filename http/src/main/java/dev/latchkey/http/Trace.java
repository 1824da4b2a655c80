package dev.latchkey.http;

import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/**
 * The request's transaction id: the client's {@code Transaction-Id} header when sent (IBM's convention), else a
 * new random one. Echoed as a response header and as {@code trace} in error bodies, and put in the logging MDC as
 * {@value #MDC_KEY} while the request is served, so that every line logged on its thread carries it (the JSON log
 * format writes it as a field; {@link DirectRoutes}, the outermost handler, takes it out again).
 */
public final class Trace {
    public static final String HEADER = "Transaction-Id";
    static final String ATTRIBUTE = "latchkey.trace";
    /** The MDC key of the trace id while a request is served. */
    public static final String MDC_KEY = "trace_id";
    private static final int MAX_LENGTH = 128;
    private static final java.util.regex.Pattern SAFE = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]+");

    private Trace() {
    }

    static void begin(Context ctx) {
        String id = idFrom(ctx.header(HEADER));
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        if (AccessLog.structured()) {
            MDC.put(MDC_KEY, id);
        }
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
