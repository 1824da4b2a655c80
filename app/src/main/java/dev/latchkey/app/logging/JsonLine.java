package dev.latchkey.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * One log event as one line of JSON, its fields always in this order:
 *
 * <ul>
 *   <li>{@code time} (ISO-8601 in UTC, milliseconds), {@code level}, {@code logger} (the full name),
 *       {@code thread}, {@code message} (the formatted message, the same text as the text format's);</li>
 *   <li>{@code trace_id}: the request's {@code Transaction-Id} when the line was logged while serving a request,
 *       else absent; then any other MDC entry;</li>
 *   <li>the event's key-value pairs, as fields of their own: numbers and booleans as JSON numbers and booleans,
 *       null as null, anything else as a string (the access line: {@code method}, {@code route}, {@code path},
 *       {@code status}, {@code duration_ms}, {@code client_address}, {@code iam_id});</li>
 *   <li>{@code exception}, when the event has one: {@code class}, {@code message} and {@code stack} (the frames
 *       and causes, without the first line that class and message already hold). It is the text the text format
 *       prints for the same exception, split in three, so what protects one protects the other.</li>
 * </ul>
 *
 * A key-value pair or MDC entry named like one of the fixed fields is left out rather than written twice.
 * Control characters are escaped, so a message cannot break the line or forge another.
 */
final class JsonLine {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> FIXED = Set.of("time", "level", "logger", "thread", "message", "exception");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonLine() {
    }

    static byte[] encode(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(256);
        out.append('{');
        field(out, "time", TIME.format(event.getInstant()));
        out.append(',');
        field(out, "level", event.getLevel().toString());
        out.append(',');
        field(out, "logger", event.getLoggerName());
        out.append(',');
        field(out, "thread", event.getThreadName());
        out.append(',');
        field(out, "message", event.getFormattedMessage());
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            String trace = mdc.get("trace_id");
            if (trace != null) {
                out.append(',');
                field(out, "trace_id", trace);
            }
            for (Map.Entry<String, String> entry : mdc.entrySet()) {
                if (!entry.getKey().equals("trace_id") && !FIXED.contains(entry.getKey())) {
                    out.append(',');
                    field(out, entry.getKey(), entry.getValue());
                }
            }
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                if (pair.key != null && !FIXED.contains(pair.key) && !"trace_id".equals(pair.key)) {
                    out.append(',');
                    string(out, pair.key);
                    out.append(':');
                    value(out, pair.value);
                }
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            out.append(",\"exception\":{");
            field(out, "class", thrown.getClassName());
            out.append(',');
            field(out, "message", thrown.getMessage());
            out.append(',');
            field(out, "stack", stackOf(thrown));
            out.append('}');
        }
        out.append("}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** What the text format prints for the exception, without its first line (class and message). */
    private static String stackOf(IThrowableProxy thrown) {
        String all = ThrowableProxyUtil.asString(thrown);
        String head = thrown.getClassName() + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
        String stack = all.startsWith(head) ? all.substring(head.length()) : all;
        return stack.startsWith("\n") ? stack.substring(1) : stack;
    }

    private static void field(StringBuilder out, String name, String value) {
        string(out, name);
        out.append(':');
        if (value == null) {
            out.append("null");
        } else {
            string(out, value);
        }
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof Boolean) {
            out.append(value);
        } else {
            string(out, value.toString());
        }
    }

    private static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !validSurrogate(value, i)) {
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Whether the surrogate at {@code i} is half of a proper pair (a lone one cannot be written as UTF-8). */
    private static boolean validSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
