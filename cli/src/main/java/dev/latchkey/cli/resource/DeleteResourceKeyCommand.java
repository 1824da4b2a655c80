package dev.latchkey.cli.resource;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Json;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey resource-key-delete NAME|ID}: deletes a service credential — its API key stops working at once,
 * its policy goes, and so does its service ID when it was made for it — after a y/N question, or at once with -f.
 */
@Command(name = "resource-key-delete", mixinStandardHelpOptions = true,
        description = "Deletes a resource key (service credential); its API key stops working at once.")
public final class DeleteResourceKeyCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME|ID", description = "The key's exact name, guid or CRN.")
    String key;

    @Option(names = {"-f", "--force"}, description = "Delete without asking.")
    boolean force;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            Resolved resolved = new ResourceResolver(client).key(key);
            if (!force) {
                if (resolved.name() == null) {
                    resolved = new Resolved(resolved.collection(), resolved.id(),
                            Json.text(client.get(resolved.path()), "name"));
                }
                if (!confirmed("Delete resource key " + resolved.label() + "? Its API key stops working.")) {
                    err().println("Not deleted.");
                    return 1;
                }
            }
            client.send("DELETE", resolved.path(), null, Map.of());
            if (!json()) {
                out().println("Deleted resource key " + resolved.label() + ".");
            }
            return 0;
        }
    }
}
