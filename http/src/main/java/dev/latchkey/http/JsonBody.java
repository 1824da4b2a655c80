package dev.latchkey.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A JSON request body read as an object, with typed accessors that fail with a 400 naming the field and the
 * expected type. Absent and JSON-null fields read as null. Objects nested in arrays are JsonBody too, and name
 * their fields by path ({@code user_mfa[0].iam_id}).
 */
public final class JsonBody {
    private final ObjectNode node;
    private final String path;

    private JsonBody(ObjectNode node) {
        this(node, "");
    }

    private JsonBody(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** An object that is not the body itself, e.g. one item of an array body; errors name it by {@code path}. */
    public static JsonBody element(JsonNode value, String path) {
        if (!(value instanceof ObjectNode object)) {
            throw DomainException.invalid("Field '" + path + "' must be a JSON object.");
        }
        return new JsonBody(object, path + ".");
    }

    /** The parsed object, for bodies with structure the typed accessors do not cover. */
    public ObjectNode node() {
        return node;
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
            throw typeError(path + field, "a string", value);
        }
        return value.textValue();
    }

    /** An array of objects, each read as a JsonBody; null when absent. */
    public List<JsonBody> objects(String field) {
        List<JsonBody> objects = new ArrayList<>();
        List<JsonNode> items = array(field);
        if (items == null) {
            return null;
        }
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof ObjectNode object)) {
                throw typeError(path + field + "[" + i + "]", "an object", items.get(i));
            }
            objects.add(new JsonBody(object, path + field + "[" + i + "]."));
        }
        return objects;
    }

    /** An array of strings; null when absent. */
    public List<String> strings(String field) {
        List<JsonNode> items = array(field);
        if (items == null) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isTextual()) {
                throw typeError(path + field + "[" + i + "]", "a string", items.get(i));
            }
            strings.add(items.get(i).textValue());
        }
        return strings;
    }

    /** Refuses a field this object may not have, naming it: a misspelt setting must not pass silently. */
    public void requireKnownFields(Set<String> known) {
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw DomainException.invalid("Field '" + path + name + "' is not known here; the fields are "
                        + String.join(", ", known.stream().sorted().toList()) + ".");
            }
        }
    }

    private List<JsonNode> array(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw typeError(path + field, "an array", value);
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    public Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw typeError(path + field, "true or false", value);
        }
        return value.booleanValue();
    }

    /** A nested object, read with the same accessors; null when absent. Errors name the field as {@code outer.inner}. */
    public JsonBody object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            throw typeError(path + field, "a JSON object", value);
        }
        return new JsonBody(object, path + field + ".");
    }

    private static DomainException typeError(String field, String expected, JsonNode actual) {
        return DomainException.invalid("Field '" + field + "' must be " + expected + ", not a JSON "
                + actual.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
    }
}
