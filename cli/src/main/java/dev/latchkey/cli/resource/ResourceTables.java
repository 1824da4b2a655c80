package dev.latchkey.cli.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import dev.latchkey.cli.Tables;

/** The table views of instances and resource keys. A key's API key value is never put in a table. */
final class ResourceTables {
    private ResourceTables() {
    }

    static Table instances(JsonNode instances) {
        Table table = new Table("GUID", "NAME", "SERVICE", "PLAN", "STATE", "LOCKED", "CREATED");
        for (JsonNode i : instances) {
            table.add(Json.text(i, "guid"), Json.text(i, "name"), Json.text(i, "resource_id"),
                    Json.text(i, "resource_plan_id"), Json.text(i, "state"), Tables.yesNo(i.path("locked")),
                    Json.text(i, "created_at"));
        }
        return table;
    }

    static Table keys(JsonNode keys) {
        Table table = new Table("GUID", "NAME", "INSTANCE", "ROLE", "CREATED");
        for (JsonNode k : keys) {
            table.add(Json.text(k, "guid"), Json.text(k, "name"), lastPart(Json.text(k, "resource_instance_url")),
                    role(k.path("credentials")), Json.text(k, "created_at"));
        }
        return table;
    }

    /** One key's fields and its credentials but the API key value. */
    static Table key(JsonNode k) {
        JsonNode c = k.path("credentials");
        return new Table("FIELD", "VALUE")
                .add("GUID", Json.text(k, "guid"))
                .add("Name", Json.text(k, "name"))
                .add("CRN", Json.text(k, "crn"))
                .add("Instance CRN", Json.text(k, "source_crn"))
                .add("State", Json.text(k, "state"))
                .add("Created at", Json.text(k, "created_at"))
                .add("Created by", Json.text(k, "created_by"))
                .add("Role", c.has("REDACTED") ? "(redacted)" : Json.text(c, "iam_role_crn"))
                .add("Service ID", Json.text(c, "iam_serviceid_crn"))
                .add("API key ID", Json.text(c, "iam_apikey_id"))
                .add("API key", c.has("apikey") ? "(use --output json to show it)" : null);
    }

    /** The role's name, e.g. Writer from {@code crn:v1:bluemix:public:iam::::serviceRole:Writer}. */
    private static String role(JsonNode credentials) {
        String crn = Json.text(credentials, "iam_role_crn");
        return crn == null ? null : lastPart(crn.replace(':', '/'));
    }

    private static String lastPart(String text) {
        return text == null ? null : text.substring(text.lastIndexOf('/') + 1);
    }
}
