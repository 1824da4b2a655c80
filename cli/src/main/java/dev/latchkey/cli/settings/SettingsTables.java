package dev.latchkey.cli.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import java.util.ArrayList;
import java.util.List;

/** The table views of account settings: one row per setting under its wire name, and the history. */
final class SettingsTables {
    static final List<String> SCALARS = List.of("restrict_create_platform_apikey", "restrict_create_service_id",
            "allowed_ip_addresses", "mfa", "session_expiration_in_seconds", "session_invalidation_in_seconds",
            "max_sessions_per_identity", "system_access_token_expiration_in_seconds",
            "system_refresh_token_expiration_in_seconds", "restrict_user_list_visibility", "apikey_max_lifetime_days",
            "apikey_disable_after_inactive_days");

    private SettingsTables() {
    }

    static Table settings(JsonNode body) {
        Table table = new Table("SETTING", "VALUE");
        table.add("account_id", Json.text(body, "account_id"));
        for (String field : SCALARS) {
            table.add(field, Json.text(body, field));
        }
        table.add("user_mfa", userMfa(body.path("user_mfa")));
        table.add("restrict_user_domains", domains(body.path("restrict_user_domains")));
        table.add("entity_tag", Json.text(body, "entity_tag"));
        return table;
    }

    static Table history(JsonNode body) {
        Table table = new Table("TIMESTAMP", "ACTION", "IAM ID", "FIELDS");
        for (JsonNode entry : body.path("history")) {
            List<String> params = new ArrayList<>();
            entry.path("params").forEach(p -> params.add(p.asText()));
            table.add(Json.text(entry, "timestamp"), Json.text(entry, "action"), Json.text(entry, "iam_id"),
                    String.join(", ", params));
        }
        return table;
    }

    /** {@code IBMid-1=TOTP, IBMid-2=NONE}. */
    private static String userMfa(JsonNode items) {
        List<String> parts = new ArrayList<>();
        items.forEach(item -> parts.add(Json.text(item, "iam_id") + "=" + Json.text(item, "mfa")));
        return String.join(", ", parts);
    }

    /** {@code IBMid: *@example.com (invitations restricted)}; realms separated by {@code ;}. */
    private static String domains(JsonNode items) {
        List<String> parts = new ArrayList<>();
        for (JsonNode item : items) {
            List<String> patterns = new ArrayList<>();
            item.path("invitation_email_allow_patterns").forEach(p -> patterns.add(p.asText()));
            String restrict = item.path("restrict_invitation").isBoolean()
                    ? (item.path("restrict_invitation").booleanValue() ? " (invitations restricted)"
                    : " (invitations not restricted)") : "";
            parts.add(Json.text(item, "realm_id") + ": " + String.join(" ", patterns) + restrict);
        }
        return String.join("; ", parts);
    }
}
