package dev.latchkey.cli.serviceid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Resolved;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code latchkey service-id NAME|ID}: one service ID's fields and history, optionally its keys' activity. */
@Command(name = "service-id", mixinStandardHelpOptions = true, description = "Shows one service ID and its history.")
public final class ShowServiceIdCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME|ID", description = "The service ID's exact name or its ID.")
    String serviceId;

    @Option(names = "--activity", description = "Also show the last authentication and the count over its API keys.")
    boolean activity;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            Resolved resolved = new ServiceIdResolver(client).resolve(serviceId);
            JsonNode details = client.get(resolved.path() + "?include_history=true&show_group_id=true"
                    + (activity ? "&include_activity=true" : ""));
            if (json()) {
                print(details);
                return 0;
            }
            printWithHistory(ServiceIdTables.details(details), details);
            return 0;
        }
    }
}
