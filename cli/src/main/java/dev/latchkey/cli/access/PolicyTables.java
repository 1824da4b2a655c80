package dev.latchkey.cli.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The table views of policies and roles. Policies are read in IBM's v2 shape, which shows every policy (v1's too)
 * with its operators and its time-based conditions; v1's shape would show a policy with conditions as if it had
 * none.
 */
final class PolicyTables {
    /** The conditions of a policy that has none. */
    private static final String NONE = "-";
    /** How a condition's key starts: {@code {{environment.attributes.current_time}}}. */
    private static final String ENVIRONMENT = "{{environment.attributes.";

    private PolicyTables() {
    }

    static Table policies(JsonNode policies) {
        Table table = new Table("ID", "SUBJECT", "ROLES", "RESOURCE", "CONDITIONS", "STATE", "CREATED");
        for (JsonNode policy : policies) {
            table.add(Json.text(policy, "id"), subject(policy), roles(policy), resource(policy), conditions(policy),
                    Json.text(policy, "state"), Json.text(policy, "created_at"));
        }
        return table;
    }

    /** What a policy grants in one line: roles on a resource for a subject, and when, if it has conditions. */
    static String summary(JsonNode policy) {
        String when = conditions(policy);
        return roles(policy) + " on " + resource(policy) + " for " + subject(policy)
                + (when.equals(NONE) ? "" : ", when " + when);
    }

    static Table roleList(JsonNode collection) {
        Table table = new Table("TYPE", "NAME", "CRN", "ACTIONS");
        addRoles(table, "system", collection.path("system_roles"));
        addRoles(table, "service", collection.path("service_roles"));
        addRoles(table, "custom", collection.path("custom_roles"));
        return table;
    }

    private static void addRoles(Table table, String type, JsonNode roles) {
        for (JsonNode role : roles) {
            table.add(type, Json.text(role, "display_name"), Json.text(role, "crn"), join(role.path("actions"), null));
        }
    }

    static String subject(JsonNode policy) {
        return Json.text(policy.path("subject").path("attributes").path(0), "value");
    }

    /** The display names of a policy's roles. */
    static String roles(JsonNode policy) {
        return join(policy.path("control").path("grant").path("roles"), "display_name");
    }

    /**
     * The resource attributes without the account (every policy has it), then the tags: {@code key=value},
     * {@code key~pattern}, {@code key=a|b} for any of a list, {@code key exists} or {@code key absent}.
     */
    static String resource(JsonNode policy) {
        List<String> parts = new ArrayList<>();
        JsonNode resource = policy.path("resource");
        for (JsonNode attribute : resource.path("attributes")) {
            if (!"accountId".equals(Json.text(attribute, "key"))) {
                parts.add(attribute(attribute));
            }
        }
        for (JsonNode tag : resource.path("tags")) {
            parts.add("tag:" + attribute(tag));
        }
        return String.join(" ", parts);
    }

    private static String attribute(JsonNode attribute) {
        String key = Json.text(attribute, "key");
        String operator = Json.text(attribute, "operator");
        JsonNode value = attribute.path("value");
        return switch (operator == null ? "stringEquals" : operator) {
            case "stringMatch", "stringMatchAnyOf" -> key + "~" + values(value, "|");
            case "stringExists" -> key + (value.asBoolean() ? " exists" : " absent");
            default -> key + "=" + values(value, "|");
        };
    }

    /**
     * A policy's time-based conditions as text, e.g. {@code day_of_week in 1+00:00,2+00:00 and current_time >=
     * 09:00:00+00:00}; {@code -} when it has none.
     */
    static String conditions(JsonNode policy) {
        JsonNode rule = policy.path("rule");
        return rule.isObject() ? rule(rule, true) : NONE;
    }

    private static String rule(JsonNode rule, boolean outermost) {
        if (rule.has("conditions")) {
            List<String> parts = new ArrayList<>();
            rule.path("conditions").forEach(condition -> parts.add(rule(condition, false)));
            String joined = String.join(" " + Json.text(rule, "operator") + " ", parts);
            return outermost ? joined : "(" + joined + ")";
        }
        String key = Json.text(rule, "key");
        if (key != null && key.startsWith(ENVIRONMENT) && key.endsWith("}}")) {
            key = key.substring(ENVIRONMENT.length(), key.length() - 2);
        }
        return key + " " + symbol(Json.text(rule, "operator")) + " " + values(rule.path("value"), ",");
    }

    /** IBM's comparison operators ({@code dateTimeGreaterThanOrEquals}, {@code dayOfWeekAnyOf}, ...) as symbols. */
    private static String symbol(String operator) {
        if (operator == null) {
            return "?";
        }
        for (String[] suffix : new String[][] {{"GreaterThanOrEquals", ">="}, {"GreaterThan", ">"},
                {"LessThanOrEquals", "<="}, {"LessThan", "<"}, {"AnyOf", "in"}, {"Equals", "="}}) {
            if (operator.endsWith(suffix[0])) {
                return suffix[1];
            }
        }
        return operator;
    }

    private static String values(JsonNode value, String separator) {
        if (!value.isArray()) {
            return value.asText();
        }
        List<String> texts = new ArrayList<>();
        value.forEach(item -> texts.add(item.asText()));
        return String.join(separator, texts);
    }

    private static String join(JsonNode items, String field) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : items) {
            String text = field == null ? item.asText() : Json.text(item, field);
            texts.add(text == null ? Json.text(item, "role_id") : text);
        }
        return String.join(", ", texts);
    }
}
