package dev.latchkey.cli.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey resource-key NAME|ID}: one resource key. The table leaves the API key value out; {@code --output
 * json} shows the credentials as the server sends them (the value too, to those allowed to see it).
 */
@Command(name = "resource-key", mixinStandardHelpOptions = true, description = "Shows one resource key (service credential).")
public final class ShowResourceKeyCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME|ID", description = "The key's exact name, guid or CRN.")
    String key;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            JsonNode details = client.get(new ResourceResolver(client).key(key).path());
            if (json()) {
                print(details);
            } else {
                print(ResourceTables.key(details));
            }
            return 0;
        }
    }
}
