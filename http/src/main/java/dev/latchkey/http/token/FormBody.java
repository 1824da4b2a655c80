package dev.latchkey.http.token;

import dev.latchkey.http.PercentDecoding;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body, decoded once: the token route's input. The token route is
 * a direct route (no Javalin {@code Context}); Javalin's form parameters, which it used before, built a list per
 * field and ran every name and value through {@code URLDecoder}, which cost more than the key lookup. Fields
 * without {@code %} or {@code +} are taken as they are. For a repeated field the first value counts, as it did
 * with {@code Context.formParam}. Values are UTF-8.
 */
final class FormBody {
    private final Map<String, String> fields;

    private FormBody(Map<String, String> fields) {
        this.fields = fields;
    }

    /**
     * The fields of {@code body}; empty when the percent-encoding is broken (a bad or cut-off {@code %XX}) or a name
     * or value holds a NUL character, which no field may hold (PostgreSQL cannot store one).
     */
    static Optional<FormBody> parse(byte[] body) {
        Map<String, String> fields = new HashMap<>(8);
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start, body.length);
            if (end > start) {
                int eq = indexOf(body, (byte) '=', start, end);
                String name = decode(body, start, eq);
                String value = eq == end ? "" : decode(body, eq + 1, end);
                if (name == null || value == null) {
                    return Optional.empty();
                }
                if (!name.isEmpty()) {
                    fields.putIfAbsent(name, value);
                }
            }
            start = end + 1;
        }
        return Optional.of(new FormBody(fields));
    }

    /** The field's value, or null when it is absent. */
    String get(String name) {
        return fields.get(name);
    }

    private static int indexOf(byte[] b, byte target, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == target) {
                return i;
            }
        }
        return to;
    }

    /** The decoded text of b[from, to), or null for broken percent-encoding or a NUL character. */
    private static String decode(byte[] b, int from, int to) {
        String text = PercentDecoding.decode(b, from, to, false);
        return text == null || text.indexOf('\0') >= 0 ? null : text;
    }
}
