package dev.latchkey.cli.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code latchkey external-interactions}: IAM Access Management's external identity interactions of an account, one
 * row per identity type (decision 0034).
 */
@Command(name = "external-interactions", mixinStandardHelpOptions = true,
        description = "Shows whether the account lets in users authenticated in other accounts (external identity "
                + "interactions): per identity type, its state and allowed accounts.")
public final class ShowExternalInteractionsCommand extends ApiCommand {
    static final List<String> TYPES = List.of("user", "service_id", "service");

    @Option(names = "--account", paramLabel = "ID", description = "Account ID; default: the account you are logged in to.")
    String account;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            JsonNode body = client.get(path(client, account));
            if (json()) {
                print(body);
            } else {
                print(table(body));
            }
            return 0;
        }
    }

    static Table table(JsonNode body) {
        Table table = new Table("IDENTITY TYPE", "STATE", "ALLOWED ACCOUNTS", "EFFECT");
        JsonNode types = body.path("external_account_identity_interaction").path("identity_types");
        for (String type : TYPES) {
            JsonNode entry = types.path(type);
            List<String> accounts = new ArrayList<>();
            entry.path("external_allowed_accounts").forEach(a -> accounts.add(a.asText()));
            table.add(type, Json.text(entry, "state"), String.join(", ", accounts),
                    type.equals("user") ? "enforced" : "stored only");
        }
        return table;
    }

    /** The access management settings path of {@code account}, or of the account the profile's token is for. */
    static String path(ApiClient client, String account) {
        return "/v1/accounts/" + ApiClient.segment(client.accountId(account)) + "/settings/access_management";
    }
}
