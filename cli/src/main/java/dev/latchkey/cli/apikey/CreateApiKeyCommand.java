package dev.latchkey.cli.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Choices;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.CreatedKeyOutput;
import dev.latchkey.cli.Json;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey api-key-create NAME}: creates a key for the logged-in identity. The value is shown
 * once, or written to a new 0600 file with {@code --file} and then not shown at all.
 */
@Command(name = "api-key-create", mixinStandardHelpOptions = true,
        description = "Creates an API key for you and shows its value once.")
public final class CreateApiKeyCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the new key; names need not be unique.")
    String name;

    @Option(names = {"-d", "--description"}, paramLabel = "DESC", description = "What the key is for.")
    String description;

    @Option(names = "--expires-at", paramLabel = "T", converter = ExpiryConverter.class,
            description = "Expiry: 2030-01-31T12:00+0000, ISO-8601 with an offset, or a date (its midnight UTC).")
    String expiresAt;

    @Option(names = "--action-when-leaked", paramLabel = "none|disable|delete", converter = Choices.LeakAction.class,
            description = "What the server does when the key is reported leaked.")
    String actionWhenLeaked;

    @Option(names = "--lock", description = "Create the key locked against changes and deletion.")
    boolean lock;

    @Option(names = "--disable", description = "Create the key disabled.")
    boolean disable;

    @Option(names = "--file", paramLabel = "F",
            description = "Write name, description, apikey, id and created_at as JSON to this new file (mode 0600) "
                    + "instead of printing the value.")
    Path file;

    @Override
    protected int execute() {
        CreatedKeyOutput output = CreatedKeyOutput.claim(file);
        JsonNode key;
        try (ApiClient client = openClient()) {
            key = create(client);
        } catch (RuntimeException failure) {
            output.abandon();
            throw failure;
        }
        output.deliver(key, out(), json());
        return 0;
    }

    private JsonNode create(ApiClient client) {
        String iamId = client.token().iamId();
        if (iamId == null) {
            throw new CliException("the access token names no iam_id, so the key's owner is unknown; log in again");
        }
        ObjectNode body = Json.object().put("name", name).put("iam_id", iamId);
        Json.putNonEmpty(body, "description", description);
        Json.putNonEmpty(body, "expires_at", expiresAt);
        Json.putNonEmpty(body, "action_when_leaked", actionWhenLeaked);
        Map<String, String> headers = Map.of("Entity-Lock", Boolean.toString(lock), "Entity-Disable", Boolean.toString(disable));
        return client.send("POST", "/v1/apikeys", body, headers).body();
    }
}
