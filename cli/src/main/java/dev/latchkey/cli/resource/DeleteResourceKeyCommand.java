package dev.latchkey.cli.resource;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.DeleteCommand;
import dev.latchkey.cli.Resolved;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey resource-key-delete NAME|ID}: deletes a service credential — its API key stops working at once,
 * its policy goes, and so does its service ID when it was made for it — after a y/N question, or at once with -f.
 */
@Command(name = "resource-key-delete", mixinStandardHelpOptions = true,
        description = "Deletes a resource key (service credential); its API key stops working at once.")
public final class DeleteResourceKeyCommand extends DeleteCommand {
    @Parameters(index = "0", paramLabel = "NAME|ID", description = "The key's exact name, guid or CRN.")
    String key;

    @Override
    protected Resolved resolve(ApiClient client) {
        return new ResourceResolver(client).key(key);
    }

    @Override
    protected String question(String label) {
        return "Delete resource key " + label + "? Its API key stops working.";
    }

    @Override
    protected String deleted(String label) {
        return "Deleted resource key " + label + ".";
    }
}
