package dev.latchkey.cli.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code latchkey long-lived-keys}: the user and service ID keys that outlive the account's
 * {@code apikey_max_lifetime_days}, every page, oldest first, each with the latest expiry the rule allows it.
 */
@Command(name = "long-lived-keys", mixinStandardHelpOptions = true,
        description = "Lists the API keys that outlive the account's apikey_max_lifetime_days (Administrators).")
public final class LongLivedKeysCommand extends ApiCommand {
    @Option(names = "--account", paramLabel = "ID", description = "Account ID; default: the account you are logged in to.")
    String account;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            String path = ShowAccountSettingsCommand.path(client, account) + "/long_lived_apikeys?pagesize=100";
            JsonNode all = client.getAllPages(path, "apikeys");
            if (json()) {
                print(all);
                return 0;
            }
            String days = Json.text(all, "apikey_max_lifetime_days");
            if ("NOT_SET".equals(days)) {
                err().println("The account sets no apikey_max_lifetime_days: no key outlives it.");
                return 0;
            }
            Table table = new Table("ID", "NAME", "IAM ID", "CREATED", "EXPIRES", "LATEST ALLOWED");
            for (JsonNode k : all.path("apikeys")) {
                table.add(Json.text(k, "id"), Json.text(k, "name"), Json.text(k, "iam_id"), Json.text(k, "created_at"),
                        k.hasNonNull("expires_at") ? Json.text(k, "expires_at") : "never",
                        Json.text(k, "latest_allowed_expires_at"));
            }
            print(table);
            err().println(all.path("apikeys").size() + " key(s) outlive apikey_max_lifetime_days (" + days + ").");
            return 0;
        }
    }
}
