package dev.latchkey.cli.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import java.util.ArrayList;
import java.util.List;

/** The table views of policies and roles. */
final class PolicyTables {
    private PolicyTables() {
    }

    static Table policies(JsonNode policies) {
        Table table = new Table("ID", "SUBJECT", "ROLES", "RESOURCE", "STATE", "CREATED");
        for (JsonNode policy : policies) {
            table.add(Json.text(policy, "id"), subject(policy), roles(policy), resource(policy),
                    Json.text(policy, "state"), Json.text(policy, "created_at"));
        }
        return table;
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
        return Json.text(policy.path("subjects").path(0).path("attributes").path(0), "value");
    }

    /** The display names of a policy's roles. */
    static String roles(JsonNode policy) {
        return join(policy.path("roles"), "display_name");
    }

    /** The resource attributes as {@code name=value}, without the account (every policy has it), and tags. */
    static String resource(JsonNode policy) {
        List<String> parts = new ArrayList<>();
        JsonNode resource = policy.path("resources").path(0);
        for (JsonNode attribute : resource.path("attributes")) {
            if (!"accountId".equals(Json.text(attribute, "name"))) {
                String operator = "stringMatch".equals(Json.text(attribute, "operator")) ? "~" : "=";
                parts.add(Json.text(attribute, "name") + operator + Json.text(attribute, "value"));
            }
        }
        for (JsonNode tag : resource.path("tags")) {
            parts.add("tag:" + Json.text(tag, "name") + "=" + Json.text(tag, "value"));
        }
        return String.join(" ", parts);
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
