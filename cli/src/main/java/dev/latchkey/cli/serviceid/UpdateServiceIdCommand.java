package dev.latchkey.cli.serviceid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.ApiResponse;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey service-id-update NAME|ID}: changes only the fields given. It sends the {@code Etag} it just
 * read as {@code If-Match}, so a concurrent change makes the update fail instead of being overwritten.
 */
@Command(name = "service-id-update", mixinStandardHelpOptions = true,
        description = "Changes a service ID's name, description or group.")
public final class UpdateServiceIdCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME|ID", description = "The service ID's exact name or its ID.")
    String serviceId;

    @Option(names = {"-n", "--name"}, paramLabel = "NEW_NAME", description = "New name.")
    String newName;

    @Option(names = {"-d", "--description"}, paramLabel = "DESC", description = "New description; \"\" clears it.")
    String description;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP",
            description = "Moves it to this service ID group (name or ID); \"\" to the default group.")
    String group;

    @Override
    protected int execute() {
        ObjectNode changes = changes();
        try (ApiClient client = openClient()) {
            if (group != null) {
                changes.put("group_id", group.isEmpty() ? "" : new ServiceIdGroupResolver(client).resolve(group).id());
            }
            Resolved resolved = new ServiceIdResolver(client).resolve(serviceId);
            ApiResponse current = client.send("GET", resolved.path(), null, Map.of());
            String etag = current.entityTag("service ID " + resolved.label());
            JsonNode updated = client.send("PUT", resolved.path(), changes, Map.of("If-Match", etag)).body();
            if (json()) {
                print(updated);
            } else {
                out().println("Updated service ID " + resolved.withName(Json.text(updated, "name"))
                        .label() + ".");
            }
            return 0;
        }
    }

    private ObjectNode changes() {
        if (newName == null && description == null && group == null) {
            throw new ParameterException(spec.commandLine(),
                    "Nothing to update: give --name, --description, --group or several");
        }
        if (newName != null && newName.isBlank()) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--name': a name cannot be empty");
        }
        ObjectNode body = Json.object();
        if (newName != null) {
            body.put("name", newName);
        }
        if (description != null) {
            body.put("description", description);
        }
        return body;
    }
}
