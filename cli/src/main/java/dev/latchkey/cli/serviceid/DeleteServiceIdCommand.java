package dev.latchkey.cli.serviceid;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Json;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey service-id-delete NAME|ID}: deletes a service ID with all its API keys and the policies granted
 * to it, after a y/N question on stderr, or at once with {@code -f}. With stdin closed it refuses rather than guess.
 */
@Command(name = "service-id-delete", mixinStandardHelpOptions = true,
        description = "Deletes a service ID, its API keys and its access policies.")
public final class DeleteServiceIdCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME|ID", description = "The service ID's exact name or its ID.")
    String serviceId;

    @Option(names = {"-f", "--force"}, description = "Delete without asking.")
    boolean force;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            ResolvedServiceId resolved = new ServiceIdResolver(client).resolve(serviceId);
            if (!force) {
                if (resolved.name() == null) {
                    resolved = new ResolvedServiceId(resolved.id(), Json.text(client.get(resolved.path()), "name"));
                }
                if (!confirmed("Delete service ID " + resolved.label() + " with all its API keys?")) {
                    err().println("Not deleted.");
                    return 1;
                }
            }
            client.send("DELETE", resolved.path(), null, Map.of());
            if (!json()) {
                out().println("Deleted service ID " + resolved.label() + " and its API keys.");
            }
            return 0;
        }
    }

}
