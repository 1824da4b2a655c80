package dev.latchkey.cli.serviceid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import dev.latchkey.cli.CreatedKeyOutput;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey service-api-key-create NAME SERVICE_ID}: creates an API key that authenticates as a service ID.
 * The value is shown once, or written to a new 0600 file with {@code --file}; with {@code --store-value} the
 * server also keeps it, sealed, so whoever may manage the key can read it again.
 */
@Command(name = "service-api-key-create", mixinStandardHelpOptions = true,
        description = "Creates an API key for a service ID and shows its value once.")
public final class CreateServiceApiKeyCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the new key; names need not be unique.")
    String name;

    @Parameters(index = "1", paramLabel = "SERVICE_ID_NAME|ID", description = "The service ID's exact name or its ID.")
    String serviceId;

    @Option(names = {"-d", "--description"}, paramLabel = "DESC", description = "What the key is for.")
    String description;

    @Option(names = "--store-value",
            description = "Keep the value on the server (encrypted) so it can be shown again with 'api-key ID --output json'.")
    boolean storeValue;

    @Option(names = "--file", paramLabel = "F",
            description = "Write name, description, apikey, id and created_at as JSON to this new file (mode 0600) "
                    + "instead of printing the value.")
    Path file;

    @Override
    protected int execute() {
        CreatedKeyOutput output = CreatedKeyOutput.claim(file);
        JsonNode key;
        try (ApiClient client = openClient()) {
            Resolved owner = new ServiceIdResolver(client).resolve(serviceId);
            ObjectNode body = Json.object().put("name", name).put("iam_id", ServiceIdResolver.iamId(owner));
            Json.putNonEmpty(body, "description", description);
            if (storeValue) {
                body.put("store_value", true);
            }
            key = client.send("POST", "/v1/apikeys", body, Map.of()).body();
        } catch (RuntimeException failure) {
            output.abandon();
            throw failure;
        }
        output.deliver(key, out(), json());
        return 0;
    }
}
