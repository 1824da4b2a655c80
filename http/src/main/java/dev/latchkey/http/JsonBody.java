package dev.latchkey.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.common.DomainException;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON request body read as an object, with typed accessors that fail with a 400 naming the field and the
 * expected type. Absent and JSON-null fields read as null. Nested objects are JsonBodies too; their fields are
 * named by path in messages ({@code subjects[0].attributes[1].value}).
 */
public final class JsonBody {
    private final ObjectNode node;
    private final String path;

    private JsonBody(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Parses the body; an empty body is an empty object. */
    public static JsonBody of(Context ctx) {
        JsonNode parsed = read(ctx);
        if (parsed == null) {
            return new JsonBody(Json.MAPPER.createObjectNode(), "");
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new HttpRefusal(WireError.MALFORMED_BODY, "The request body must be a JSON object.");
        }
        return new JsonBody(object, "");
    }

    /** Parses a body that must be a JSON array of objects; the items' fields are named {@code [i].field}. */
    public static List<JsonBody> arrayOf(Context ctx) {
        JsonNode parsed = read(ctx);
        if (!(parsed instanceof ArrayNode array)) {
            throw new HttpRefusal(WireError.MALFORMED_BODY, "The request body must be a JSON array.");
        }
        List<JsonBody> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof ObjectNode object)) {
                throw DomainException.invalid("Item [" + i + "] of the request body must be a JSON object, not a JSON "
                        + typeName(array.get(i)) + ".");
            }
            items.add(new JsonBody(object, "[" + i + "]."));
        }
        return items;
    }

    /** An IBM date-time field ({@link IbmDates}), null when absent; a 400 naming it when it is not a date-time. */
    public Instant date(String field) {
        String text = string(field);
        return text == null ? null : IbmDates.parse(name(field), text);
    }

    /** The field's name as messages give it: with the path of this object. */
    public String name(String field) {
        return path + field;
    }

    /** A nested object, or null when absent. */
    public JsonBody object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            throw typeError(field, "an object", value);
        }
        return new JsonBody(object, path + field + ".");
    }

    /** An array of objects, or null when absent. */
    public List<JsonBody> objects(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw typeError(field, "an array of objects", value);
        }
        List<JsonBody> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            String item = field + "[" + i + "]";
            if (!(value.get(i) instanceof ObjectNode object)) {
                throw typeError(item, "an object", value.get(i));
            }
            items.add(new JsonBody(object, path + item + "."));
        }
        return items;
    }

    /** Every field of this object, whose values must all be strings, in the order sent. */
    public Map<String, String> strings() {
        Map<String, String> values = new LinkedHashMap<>();
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            values.put(field.getKey(), string(field.getKey()));
        }
        return values;
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
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

    /** An array of strings; null when absent. */
    public List<String> strings(String field) {
        List<JsonNode> items = array(field);
        if (items == null) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isTextual()) {
                throw typeError(field + "[" + i + "]", "a string", items.get(i));
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
            throw typeError(field, "an array", value);
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }


    private static JsonNode read(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new HttpRefusal(WireError.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be JSON: send Content-Type: application/json, not " + contentType + ".");
        }
        return parse(ctx.bodyAsBytes());
    }

    /**
     * A JSON document as a tree, null when empty; a 400 for anything that is not JSON, too deep or too long, or
     * holds a NUL character.
     */
    public static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(bytes);
            requireNoNul(parsed, "");
            return parsed;
        } catch (StreamConstraintsException e) {
            throw new HttpRefusal(WireError.MALFORMED_BODY, "The request body is refused: "
                    + e.getOriginalMessage().replaceAll(",? from `[^`]*`", "") + ".");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new HttpRefusal(WireError.MALFORMED_BODY, "The request body is not valid JSON: "
                    + e.getOriginalMessage().replaceAll("\\s+", " ")
                    + (at == null ? "." : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")."));
        } catch (java.io.IOException e) {
            throw new HttpRefusal(WireError.MALFORMED_BODY, "The request body could not be read.");
        }
    }

    /**
     * Refuses a NUL character (U+0000, sent as {@code \\u0000}) in any name or string of the body, naming where:
     * no field has a use for one, and PostgreSQL cannot store one while H2 can; both must answer alike.
     */
    private static void requireNoNul(JsonNode value, String at) {
        if (value.isTextual() && value.textValue().indexOf('\0') >= 0) {
            throw DomainException.invalid("Field '" + (at.isEmpty() ? "(body)" : at) + "' holds a NUL character "
                    + "(\\u0000), which no field may hold.");
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                requireNoNul(value.get(i), at + "[" + i + "]");
            }
        } else if (value.isObject()) {
            for (var field : value.properties()) {
                String name = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
                if (field.getKey().indexOf('\0') >= 0) {
                    throw DomainException.invalid("A field name holds a NUL character (\\u0000), which no name may hold.");
                }
                requireNoNul(field.getValue(), name);
            }
        }
    }

    public String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw typeError(field, "a string", value);
        }
        return value.textValue();
    }

    public Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw typeError(field, "true or false", value);
        }
        return value.booleanValue();
    }

    /** A whole number that fits a long (1, not 1.5 or "1"), or null when absent. */
    public Long wholeNumber(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw typeError(field, "a whole number", value);
        }
        return value.longValue();
    }

    private DomainException typeError(String field, String expected, JsonNode actual) {
        return DomainException.invalid("Field '" + path + field + "' must be " + expected + ", not a JSON "
                + typeName(actual) + ".");
    }

    private static String typeName(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
