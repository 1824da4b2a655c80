package dev.latchkey.cli.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;

/** The table views of API keys: a list, one key's fields, and its history. */
final class ApiKeyTables {
    /** Long descriptions would push every other column off screen; {@code --output json} has them whole. */
    private static final int DESCRIPTION_WIDTH = 40;

    private ApiKeyTables() {
    }

    static Table list(JsonNode keys) {
        Table table = new Table("ID", "NAME", "DESCRIPTION", "CREATED", "EXPIRES", "LOCKED", "DISABLED");
        for (JsonNode key : keys) {
            table.add(Json.text(key, "id"), Json.text(key, "name"), shorten(Json.text(key, "description")),
                    Json.text(key, "created_at"), Json.text(key, "expires_at"),
                    yesNo(key.path("locked")), yesNo(key.path("disabled")));
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
                .add("Locked", yesNo(key.path("locked")))
                .add("Disabled", yesNo(key.path("disabled")))
                .add("Action when leaked", Json.text(key, "action_when_leaked"))
                .add("Last authentication", Json.text(activity, "last_authn"))
                .add("Authentications", Json.text(activity, "authn_count"));
    }

    static Table history(JsonNode key) {
        Table table = new Table("TIMESTAMP", "ACTION", "IAM ID", "MESSAGE");
        for (JsonNode entry : key.path("history")) {
            table.add(Json.text(entry, "timestamp"), Json.text(entry, "action"),
                    Json.text(entry, "iam_id"), Json.text(entry, "message"));
        }
        return table;
    }

    private static String yesNo(JsonNode flag) {
        return flag.isBoolean() ? (flag.booleanValue() ? "yes" : "no") : null;
    }

    private static String shorten(String text) {
        if (text == null || text.length() <= DESCRIPTION_WIDTH) {
            return text;
        }
        int cut = DESCRIPTION_WIDTH - 3;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // never split a character outside the BMP
        }
        return text.substring(0, cut) + "...";
    }
}
