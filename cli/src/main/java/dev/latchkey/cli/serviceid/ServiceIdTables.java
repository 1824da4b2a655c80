package dev.latchkey.cli.serviceid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import dev.latchkey.cli.Tables;
import java.util.ArrayList;
import java.util.List;

/** The table views of service IDs: a list and one service ID's fields (its history is {@link Tables#history}). */
final class ServiceIdTables {
    private ServiceIdTables() {
    }

    static Table list(JsonNode serviceIds) {
        Table table = new Table("ID", "NAME", "DESCRIPTION", "CREATED", "LOCKED");
        for (JsonNode s : serviceIds) {
            table.add(Json.text(s, "id"), Json.text(s, "name"), Tables.shorten(Json.text(s, "description")),
                    Json.text(s, "created_at"), Tables.yesNo(s.path("locked")));
        }
        return table;
    }

    static Table details(JsonNode s) {
        List<String> crns = new ArrayList<>();
        s.path("unique_instance_crns").forEach(crn -> crns.add(crn.asText()));
        JsonNode activity = s.path("activity");
        return new Table("FIELD", "VALUE")
                .add("ID", Json.text(s, "id"))
                .add("Name", Json.text(s, "name"))
                .add("Description", Json.text(s, "description"))
                .add("IAM ID", Json.text(s, "iam_id"))
                .add("Account ID", Json.text(s, "account_id"))
                .add("Group", Json.text(s, "group_id"))
                .add("CRN", Json.text(s, "crn"))
                .add("Created at", Json.text(s, "created_at"))
                .add("Modified at", Json.text(s, "modified_at"))
                .add("Locked", Tables.yesNo(s.path("locked")))
                .add("Unique instance CRNs", String.join(", ", crns))
                .add("Last authentication", Json.text(activity, "last_authn"))
                .add("Authentications", Json.text(activity, "authn_count"));
    }
}
