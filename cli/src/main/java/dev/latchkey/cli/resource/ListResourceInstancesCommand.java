package dev.latchkey.cli.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latchkey resource-instances}: the active instances you may see, every page. */
@Command(name = "resource-instances", mixinStandardHelpOptions = true,
        description = "Lists the service instances of your account that you may see.")
public final class ListResourceInstancesCommand extends ApiCommand {
    @Option(names = "--service", paramLabel = "S", description = "Only instances of this service.")
    String service;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            JsonNode all = ResourcePages.all(client, ResourceResolver.INSTANCES + "?limit=200"
                    + (service == null ? "" : "&resource_id=" + ApiClient.encode(service)));
            printListing(all, all, "No service instances found.", ResourceTables::instances);
            return 0;
        }
    }
}
