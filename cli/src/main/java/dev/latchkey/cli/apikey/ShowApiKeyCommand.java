package dev.latchkey.cli.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Resolved;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code latchkey api-key NAME|ID}: one key's fields and history, optionally its activity. */
@Command(name = "api-key", mixinStandardHelpOptions = true, description = "Shows one API key and its history.")
public final class ShowApiKeyCommand extends ApiCommand {
    @Mixin
    KeyArgument key;

    @Option(names = "--activity", description = "Also show the last authentication and the count; slower for the server.")
    boolean activity;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            Resolved resolved = key.resolve(client);
            JsonNode details = client.get(resolved.path() + "?include_history=true"
                    + (activity ? "&include_activity=true" : ""));
            if (json()) {
                print(details);
                return 0;
            }
            printWithHistory(ApiKeyTables.details(details), details);
            return 0;
        }
    }
}
