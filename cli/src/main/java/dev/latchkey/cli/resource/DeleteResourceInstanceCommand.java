package dev.latchkey.cli.resource;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.DeleteCommand;
import dev.latchkey.cli.Resolved;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey resource-instance-delete NAME|ID}: removes an instance, after a y/N question on stderr, or at once
 * with {@code -f}. With {@code --recursive} its resource keys go too (their API keys stop working at once).
 */
@Command(name = "resource-instance-delete", mixinStandardHelpOptions = true,
        description = "Deletes a service instance; --recursive also deletes its credentials.")
public final class DeleteResourceInstanceCommand extends DeleteCommand {
    @Parameters(index = "0", paramLabel = "NAME|ID", description = "The instance's exact name, guid or CRN.")
    String instance;

    @Option(names = "--recursive", description = "Also delete its resource keys, their service IDs and API keys.")
    boolean recursive;

    @Override
    protected Resolved resolve(ApiClient client) {
        return new ResourceResolver(client).instance(instance);
    }

    @Override
    protected String question(String label) {
        return "Delete instance " + label + (recursive ? " with all its resource keys?" : "?");
    }

    @Override
    protected String deleted(String label) {
        return "Deleted instance " + label + (recursive ? " and its resource keys." : ".");
    }

    @Override
    protected String query() {
        return recursive ? "?recursive=true" : "";
    }
}
