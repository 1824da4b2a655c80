package dev.latchkey.cli.apikey;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.DeleteCommand;
import dev.latchkey.cli.Resolved;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code latchkey api-key-delete NAME|ID}: deletes a key after a y/N question on stderr, or at once with {@code -f}. */
@Command(name = "api-key-delete", mixinStandardHelpOptions = true,
        description = "Deletes an API key. Tokens already issued stay valid until they expire.")
public final class DeleteApiKeyCommand extends DeleteCommand {
    @Mixin
    KeyArgument key;

    @Override
    protected Resolved resolve(ApiClient client) {
        return key.resolve(client);
    }

    @Override
    protected String question(String label) {
        return "Delete API key " + label + "?";
    }

    @Override
    protected String deleted(String label) {
        return "Deleted API key " + label + ".";
    }
}
