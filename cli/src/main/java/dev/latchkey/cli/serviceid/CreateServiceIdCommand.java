package dev.latchkey.cli.serviceid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey service-id-create NAME}: creates a service ID in the logged-in account. Its creator gets the
 * Administrator role on it; keys for it come from {@code service-api-key-create}.
 */
@Command(name = "service-id-create", mixinStandardHelpOptions = true,
        description = "Creates a service ID in your account; you become its Administrator.")
public final class CreateServiceIdCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the new service ID; names need not be unique.")
    String name;

    @Option(names = {"-d", "--description"}, paramLabel = "DESC", description = "What the service ID is for.")
    String description;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP",
            description = "The service ID group (name or ID) it belongs to; else the default group.")
    String group;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            String accountId = client.accountId();
            ObjectNode body = Json.object().put("account_id", accountId).put("name", name);
            Json.putNonEmpty(body, "description", description);
            if (group != null && !group.isEmpty()) {
                body.put("group_id", new ServiceIdGroupResolver(client).resolve(group).id());
            }
            JsonNode created = client.send("POST", "/v1/serviceids/", body, Map.of()).body();
            if (json()) {
                print(created);
            } else {
                Resolved made = new Resolved(ServiceIdResolver.COLLECTION, Json.text(created, "id"),
                        Json.text(created, "name"));
                out().println("Created service ID " + made.label() + ".");
            }
            return 0;
        }
    }
}
