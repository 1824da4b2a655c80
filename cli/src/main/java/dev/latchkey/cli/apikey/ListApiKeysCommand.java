package dev.latchkey.cli.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Choices;
import dev.latchkey.cli.serviceid.ServiceIdResolver;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latchkey api-keys}: lists API keys, following {@code next} links until the last page. */
@Command(name = "api-keys", mixinStandardHelpOptions = true,
        description = "Lists API keys: your own by default, or the account's with --scope account.")
public final class ListApiKeysCommand extends ApiCommand {
    @Option(names = "--scope", paramLabel = "entity|account", converter = Choices.Scope.class,
            description = "entity: keys of one identity (default); account: every key in the account.")
    String scope;

    @Option(names = "--type", paramLabel = "user|serviceid", converter = Choices.KeyType.class,
            description = "Only user keys or only service ID keys.")
    String type;

    @ArgGroup(exclusive = true)
    Owner owner;

    /** Whose keys: an IAM ID, or a service ID by its name or ID; the caller's own when neither is given. */
    static final class Owner {
        @Option(names = "--iam-id", paramLabel = "ID",
                description = "The identity whose keys to list (default: yours).")
        String iamId;

        @Option(names = "--service-id", paramLabel = "NAME|ID", description = "The service ID whose keys to list.")
        String serviceId;
    }

    @Override
    protected int execute() {
        StringBuilder path = new StringBuilder("/v1/apikeys?pagesize=100");
        append(path, "scope", scope);
        append(path, "type", type);
        try (ApiClient client = openClient()) {
            if (owner != null) {
                append(path, "iam_id", owner.serviceId == null ? owner.iamId
                        : ServiceIdResolver.iamId(new ServiceIdResolver(client).resolve(owner.serviceId)));
            }
            JsonNode all = client.getAllPages(path.toString(), "apikeys");
            printListing(all, all.path("apikeys"), "No API keys found.", ApiKeyTables::list);
            return 0;
        }
    }

    private static void append(StringBuilder path, String name, String value) {
        if (value != null && !value.isBlank()) {
            path.append('&').append(name).append('=').append(ApiClient.encode(value));
        }
    }
}
