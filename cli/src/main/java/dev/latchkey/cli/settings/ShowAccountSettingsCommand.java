package dev.latchkey.cli.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latchkey account-settings}: every IAM Identity setting of an account, optionally with its history. */
@Command(name = "account-settings", mixinStandardHelpOptions = true,
        description = "Shows the account's IAM Identity settings (defaults included).")
public final class ShowAccountSettingsCommand extends ApiCommand {
    @Option(names = "--account", paramLabel = "ID", description = "Account ID; default: the account you are logged in to.")
    String account;

    @Option(names = "--history", description = "Also show who changed the settings, and when.")
    boolean history;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            JsonNode body = client.get(path(client, account) + (history ? "?include_history=true" : ""));
            if (json()) {
                print(body);
                return 0;
            }
            print(SettingsTables.settings(body));
            if (history && !body.path("history").isEmpty()) {
                out().println();
                print(SettingsTables.history(body));
            }
            return 0;
        }
    }

    /** The settings path of {@code account}, or of the account the profile's token is for. */
    static String path(ApiClient client, String account) {
        return "/v1/accounts/" + ApiClient.segment(client.accountId(account)) + "/settings/identity";
    }
}
