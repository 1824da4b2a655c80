package dev.latchkey.cli.apikey;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Json;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey api-key-delete NAME|ID}: deletes a key after a y/N question on stderr, or at once
 * with {@code -f}. With stdin closed there is nobody to ask, so it refuses rather than guess.
 */
@Command(name = "api-key-delete", mixinStandardHelpOptions = true,
        description = "Deletes an API key. Tokens already issued stay valid until they expire.")
public final class DeleteApiKeyCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME|ID", description = "The key's exact name (one of your keys) or its ID.")
    String key;

    @Option(names = {"-f", "--force"}, description = "Delete without asking.")
    boolean force;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            ResolvedKey resolved = new KeyResolver(client).resolve(key);
            if (!force) {
                if (resolved.name() == null) {
                    resolved = new ResolvedKey(resolved.id(), Json.text(client.get(resolved.path()), "name"));
                }
                if (!confirmed("Delete API key " + resolved.label() + "?")) {
                    err().println("Not deleted.");
                    return 1;
                }
            }
            client.send("DELETE", resolved.path(), null, Map.of());
            if (!json()) {
                out().println("Deleted API key " + resolved.label() + ".");
            }
            return 0;
        }
    }

}
