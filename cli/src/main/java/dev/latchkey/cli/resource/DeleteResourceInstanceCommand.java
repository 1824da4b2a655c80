package dev.latchkey.cli.resource;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Json;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey resource-instance-delete NAME|ID}: removes an instance, after a y/N question on stderr, or at once
 * with {@code -f}. With {@code --recursive} its resource keys go too (their API keys stop working at once).
 */
@Command(name = "resource-instance-delete", mixinStandardHelpOptions = true,
        description = "Deletes a service instance; --recursive also deletes its credentials.")
public final class DeleteResourceInstanceCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME|ID", description = "The instance's exact name, guid or CRN.")
    String instance;

    @Option(names = "--recursive", description = "Also delete its resource keys, their service IDs and API keys.")
    boolean recursive;

    @Option(names = {"-f", "--force"}, description = "Delete without asking.")
    boolean force;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            Resolved resolved = new ResourceResolver(client).instance(instance);
            if (!force) {
                if (resolved.name() == null) {
                    resolved = new Resolved(resolved.collection(), resolved.id(),
                            Json.text(client.get(resolved.path()), "name"));
                }
                if (!confirmed("Delete instance " + resolved.label()
                        + (recursive ? " with all its resource keys?" : "?"))) {
                    err().println("Not deleted.");
                    return 1;
                }
            }
            client.send("DELETE", resolved.path() + (recursive ? "?recursive=true" : ""), null, Map.of());
            if (!json()) {
                out().println("Deleted instance " + resolved.label() + (recursive ? " and its resource keys." : "."));
            }
            return 0;
        }
    }
}
