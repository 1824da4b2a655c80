package dev.latchkey.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import io.javalin.http.Context;

/**
 * A JSON request body read as an object, with typed accessors that fail with a 400 naming the field and the
 * expected type. Absent and JSON-null fields read as null.
 */
public final class JsonBody {
    private final ObjectNode node;
    private final String prefix;

    private JsonBody(ObjectNode node) {
        this(node, "");
    }

    private JsonBody(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** Parses the body; an empty body is an empty object. */
    public static JsonBody of(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be JSON: send Content-Type: application/json, not " + contentType + ".");
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            return new JsonBody(Json.MAPPER.createObjectNode());
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new DomainException(ErrorCode.MALFORMED_BODY, "The request body is not valid JSON: "
                    + e.getOriginalMessage().replaceAll("\\s+", " ") + " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ").");
        } catch (java.io.IOException e) {
            throw new DomainException(ErrorCode.MALFORMED_BODY, "The request body could not be read.");
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new DomainException(ErrorCode.MALFORMED_BODY, "The request body must be a JSON object.");
        }
        return new JsonBody(object);
    }

    public String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw typeError(prefix + field, "a string", value);
        }
        return value.textValue();
    }

    public Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw typeError(prefix + field, "true or false", value);
        }
        return value.booleanValue();
    }

    /** An array of strings, or null when absent; any other shape is a 400 naming the field. */
    public java.util.List<String> strings(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw typeError(prefix + field, "an array of strings", value);
        }
        java.util.List<String> items = new java.util.ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw DomainException.invalid("Field '" + prefix + field + "' must hold only strings, not a JSON "
                        + item.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
            }
            items.add(item.textValue());
        }
        return items;
    }

    /** A nested object, read with the same accessors; null when absent. Errors name the field as {@code outer.inner}. */
    public JsonBody object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            throw typeError(prefix + field, "a JSON object", value);
        }
        return new JsonBody(object, prefix + field + ".");
    }

    private static DomainException typeError(String field, String expected, JsonNode actual) {
        return DomainException.invalid("Field '" + field + "' must be " + expected + ", not a JSON "
                + actual.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
    }
}
