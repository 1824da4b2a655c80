package dev.latchkey.cli.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latchkey resource-keys [--instance X]}: the active resource keys you may see, every page, no values. */
@Command(name = "resource-keys", mixinStandardHelpOptions = true,
        description = "Lists resource keys (service credentials), of one instance or of all you may see.")
public final class ListResourceKeysCommand extends ApiCommand {
    @Option(names = "--instance", paramLabel = "X", description = "Only the keys of this instance (name, guid or CRN).")
    String instance;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            String path = instance == null ? ResourceResolver.KEYS + "?limit=200"
                    : new ResourceResolver(client).instance(instance).path() + "/resource_keys?limit=200";
            JsonNode all = ResourcePages.all(client, path);
            printListing(all, all, "No resource keys found.", ResourceTables::keys);
            return 0;
        }
    }
}
