package dev.latchkey.core.notification;

import java.util.List;

/**
 * A minimal JSON object writer for webhook payloads (core has no JSON library). Null values are left out, as
 * the HTTP API does. Not thread-safe; one instance per payload.
 */
final class JsonText {
    private final StringBuilder out = new StringBuilder("{");
    private boolean first = true;

    JsonText field(String name, String value) {
        if (value != null) {
            name(name);
            quote(value);
        }
        return this;
    }

    JsonText field(String name, JsonText object) {
        if (object != null) {
            name(name);
            out.append(object.toJson());
        }
        return this;
    }

    JsonText array(String name, List<String> values) {
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

    String toJson() {
        return out + "}";
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
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
