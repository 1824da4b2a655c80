package dev.latchkey.cli.leak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import picocli.CommandLine.Command;

/**
 * {@code latchkey leaked-keys}: the account's leaked keys for review (IAM Identity Administrators): where each was
 * seen, what was done, and whether it was used after the sighting.
 */
@Command(name = "leaked-keys", mixinStandardHelpOptions = true,
        description = "Lists the account's keys reported leaked: sighting, action taken, use since.")
public final class LeakedKeysCommand extends ApiCommand {
    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            JsonNode all = client.getAllPages("/v1/leaks?pagesize=100", "leaks");
            if (json()) {
                print(all);
                return 0;
            }
            Table table = new Table("KEY", "NAME", "PREFIX", "SEEN AT", "REPORTED", "BY", "ACTION", "USED SINCE",
                    "LAST AUTHN");
            for (JsonNode l : all.path("leaks")) {
                table.add(Json.text(l, "key_id"), Json.text(l, "key_name"), Json.text(l, "display_prefix") + "…",
                        Json.text(l, "url"), Json.text(l, "reported_at"), Json.text(l, "reported_by"),
                        Json.text(l, "action_taken"), l.path("authn_count_since_report").asLong(),
                        Json.text(l, "last_authn"));
            }
            print(table);
            if (all.path("leaks").isEmpty()) {
                err().println("No leaked keys reported in this account.");
            }
            return 0;
        }
    }
}
