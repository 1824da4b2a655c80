package dev.latchkey.cli.serviceid;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.DeleteCommand;
import dev.latchkey.cli.Resolved;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey service-id-delete NAME|ID}: deletes a service ID with all its API keys and the policies granted
 * to it, after a y/N question on stderr, or at once with {@code -f}.
 */
@Command(name = "service-id-delete", mixinStandardHelpOptions = true,
        description = "Deletes a service ID, its API keys and its access policies.")
public final class DeleteServiceIdCommand extends DeleteCommand {
    @Parameters(index = "0", paramLabel = "NAME|ID", description = "The service ID's exact name or its ID.")
    String serviceId;

    @Override
    protected Resolved resolve(ApiClient client) {
        return new ServiceIdResolver(client).resolve(serviceId);
    }

    @Override
    protected String question(String label) {
        return "Delete service ID " + label + " with all its API keys?";
    }

    @Override
    protected String deleted(String label) {
        return "Deleted service ID " + label + " and its API keys.";
    }
}
