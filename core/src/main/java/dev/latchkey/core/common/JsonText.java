package dev.latchkey.core.common;

import java.util.List;

/**
 * A minimal JSON object writer (core has no JSON library): webhook payloads and access-token claim sets, whose
 * members it writes in the order they are added. Null values are left out, as the HTTP API does. A string is
 * written so that any JSON parser reads back exactly the same chars: {@code "}, {@code \}, control characters,
 * U+2028/U+2029 and unpaired surrogates are escaped; everything else, including {@code <} and {@code /}, is
 * written as it is. Not thread-safe; one instance per object.
 */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final StringBuilder out;
    private boolean first = true;

    public JsonText() {
        this(64);
    }

    /** @param capacity the expected length of the JSON text, to size the buffer once */
    public JsonText(int capacity) {
        out = new StringBuilder(capacity).append('{');
    }

    public JsonText field(String name, String value) {
        if (value != null) {
            name(name);
            quote(value);
        }
        return this;
    }

    public JsonText field(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    public JsonText field(String name, boolean value) {
        name(name);
        out.append(value);
        return this;
    }

    public JsonText field(String name, JsonText object) {
        if (object != null) {
            name(name);
            object.appendTo(out);
        }
        return this;
    }

    public JsonText array(String name, List<String> values) {
        name(name);
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(values.get(i));
        }
        out.append(']');
        return this;
    }

    public String toJson() {
        return out + "}";
    }

    private void appendTo(StringBuilder target) {
        target.append(out).append('}');
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(name);
        out.append(':');
    }

    private void quote(String value) {
        quote(out, value);
    }

    /** {@code value} as a JSON string, quotes included, escaped as every string this class writes. */
    public static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        quote(out, value);
        return out.toString();
    }

    private static void quote(StringBuilder out, String value) {
        out.append('"');
        int n = value.length();
        int plain = 0; // value[plain, i) needs no escaping and is appended in one go
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != 0x2028 && c != 0x2029 && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a pair is a character like any other
                continue;
            }
            out.append(value, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> escape(out, c); // other controls, U+2028/9, unpaired surrogates (UTF-8 would make them '?')
            }
        }
        out.append(value, plain, n).append('"');
    }

    private static void escape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
