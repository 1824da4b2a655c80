package dev.latchkey.core.access;

import dev.latchkey.core.common.JsonText;
import java.util.ArrayList;
import java.util.List;

/**
 * The list values of IBM's v2 operators ({@code stringEqualsAnyOf}, {@code stringMatchAnyOf}, {@code dayOfWeekAnyOf})
 * as one string, so that a policy's attributes and conditions keep one value column: a JSON array of strings.
 * Core has no JSON parser; this reads exactly the arrays {@link #encode} writes (and any other JSON array of
 * strings). Stateless.
 */
public final class AttributeValues {
    private AttributeValues() {
    }

    /** The operators whose value is a list. */
    public static boolean isList(String operator) {
        return operator != null && operator.endsWith("AnyOf");
    }

    /** The operator whose value is a boolean. */
    public static boolean isBoolean(String operator) {
        return "stringExists".equals(operator);
    }

    public static String encode(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(JsonText.quoted(values.get(i)));
        }
        return out.append(']').toString();
    }

    /** The strings of a JSON array of strings; an {@link IllegalArgumentException} for anything else. */
    public static List<String> decode(String text) {
        List<String> values = new ArrayList<>();
        int i = skip(text, 0);
        expect(text, i++, '[');
        i = skip(text, i);
        if (i < text.length() && text.charAt(i) == ']') {
            return values;
        }
        while (true) {
            i = skip(text, i);
            expect(text, i++, '"');
            StringBuilder value = new StringBuilder();
            while (true) {
                if (i >= text.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char c = text.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    char e = text.charAt(i++);
                    switch (e) {
                        case 'u' -> {
                            value.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
                            i += 4;
                        }
                        case 'n' -> value.append('\n');
                        case 't' -> value.append('\t');
                        case 'r' -> value.append('\r');
                        case 'b' -> value.append('\b');
                        case 'f' -> value.append('\f');
                        default -> value.append(e);
                    }
                } else {
                    value.append(c);
                }
            }
            values.add(value.toString());
            i = skip(text, i);
            if (i < text.length() && text.charAt(i) == ',') {
                i++;
                continue;
            }
            expect(text, i, ']');
            return values;
        }
    }

    private static int skip(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void expect(String text, int i, char c) {
        if (i >= text.length() || text.charAt(i) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + i);
        }
    }
}
