package dev.latchkey.cli.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.ApiResponse;
import dev.latchkey.cli.Choices;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code latchkey api-key-update NAME|ID}: changes only the fields given. It sends the {@code Etag} it
 * just read as {@code If-Match}, so a concurrent change makes the update fail instead of being overwritten.
 */
@Command(name = "api-key-update", mixinStandardHelpOptions = true,
        description = "Changes an API key's name, description, expiry or leak action.")
public final class UpdateApiKeyCommand extends ApiCommand {
    @Mixin
    KeyArgument key;

    @Option(names = {"-n", "--name"}, paramLabel = "NEW_NAME", description = "New name.")
    String newName;

    @Option(names = {"-d", "--description"}, paramLabel = "DESC", description = "New description; \"\" clears it.")
    String description;

    @Option(names = "--expires-at", paramLabel = "T", converter = ExpiryConverter.class,
            description = "New expiry (e.g. 2030-01-31T12:00+0000 or 2030-01-31); \"\" removes the expiry.")
    String expiresAt;

    @Option(names = "--action-when-leaked", paramLabel = "none|disable|delete", converter = Choices.LeakAction.class,
            description = "What the server does when the key is reported leaked.")
    String actionWhenLeaked;

    @Override
    protected int execute() {
        ObjectNode changes = changes();
        try (ApiClient client = openClient()) {
            Resolved resolved = key.resolve(client);
            ApiResponse current = client.send("GET", resolved.path(), null, Map.of());
            String etag = current.entityTag("API key " + resolved.label());
            JsonNode updated = client.send("PUT", resolved.path(), changes, Map.of("If-Match", etag)).body();
            if (json()) {
                print(updated);
            } else {
                String name = Json.text(updated, "name") != null ? Json.text(updated, "name") : Json.text(current.body(), "name");
                out().println("Updated API key " + resolved.withName(name).label() + ".");
            }
            return 0;
        }
    }

    private ObjectNode changes() {
        if (newName == null && description == null && expiresAt == null && actionWhenLeaked == null) {
            throw new ParameterException(spec.commandLine(),
                    "Nothing to update: give at least one of --name, --description, --expires-at, --action-when-leaked");
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
        if (expiresAt != null) {
            body.put("expires_at", expiresAt);
        }
        if (actionWhenLeaked != null) {
            body.put("action_when_leaked", actionWhenLeaked);
        }
        return body;
    }
}
