package dev.latchkey.cli.access;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey policy-delete ID}: deletes a policy after a y/N question on stderr, or at once with {@code -f}.
 * With stdin closed there is nobody to ask, so it refuses rather than guess. The access it granted ends with the
 * next request its subject makes.
 */
@Command(name = "policy-delete", mixinStandardHelpOptions = true,
        description = "Deletes an access policy; the access it granted ends at once.")
public final class DeletePolicyCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The policy's ID.")
    String id;

    @Option(names = {"-f", "--force"}, description = "Delete without asking.")
    boolean force;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            String path = "/v2/policies/" + ApiClient.segment(id);
            if (!force) {
                if (!confirmed("Delete policy " + id + " (" + PolicyTables.summary(client.get(path)) + ")?")) {
                    err().println("Not deleted.");
                    return 1;
                }
            }
            client.send("DELETE", path, null, Map.of());
            if (!json()) {
                out().println("Deleted policy " + id + ".");
            }
            return 0;
        }
    }

}
