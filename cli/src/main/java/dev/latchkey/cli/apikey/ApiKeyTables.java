package dev.latchkey.cli.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import dev.latchkey.cli.Tables;

/** The table views of API keys: a list and one key's fields (its history is {@link Tables#history}). */
final class ApiKeyTables {
    private ApiKeyTables() {
    }

    static Table list(JsonNode keys) {
        Table table = new Table("ID", "NAME", "DESCRIPTION", "CREATED", "EXPIRES", "LOCKED", "DISABLED");
        for (JsonNode key : keys) {
            table.add(Json.text(key, "id"), Json.text(key, "name"), Tables.shorten(Json.text(key, "description")),
                    Json.text(key, "created_at"), Json.text(key, "expires_at"),
                    Tables.yesNo(key.path("locked")), Tables.yesNo(key.path("disabled")));
        }
        return table;
    }

    static Table details(JsonNode key) {
        JsonNode activity = key.path("activity");
        return new Table("FIELD", "VALUE")
                .add("ID", Json.text(key, "id"))
                .add("Name", Json.text(key, "name"))
                .add("Description", Json.text(key, "description"))
                .add("IAM ID", Json.text(key, "iam_id"))
                .add("Account ID", Json.text(key, "account_id"))
                .add("Created at", Json.text(key, "created_at"))
                .add("Created by", Json.text(key, "created_by"))
                .add("Modified at", Json.text(key, "modified_at"))
                .add("Expires at", Json.text(key, "expires_at"))
                .add("Locked", Tables.yesNo(key.path("locked")))
                .add("Disabled", Tables.yesNo(key.path("disabled")))
                .add("Action when leaked", Json.text(key, "action_when_leaked"))
                .add("Last authentication", Json.text(activity, "last_authn"))
                .add("Authentications", Json.text(activity, "authn_count"));
    }
}
