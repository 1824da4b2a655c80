package dev.latchkey.cli.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey resource-key-create NAME --instance X [--role Writer]}: creates a service credential — a service
 * ID, its API key and the role on the instance — and prints its credentials, the API key value included.
 */
@Command(name = "resource-key-create", mixinStandardHelpOptions = true,
        description = "Creates a service credential for an instance and prints its credentials.")
public final class CreateResourceKeyCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the credential (and of its service ID and API key).")
    String name;

    @Option(names = "--instance", required = true, paramLabel = "X", description = "The instance: name, guid or CRN.")
    String instance;

    @Option(names = "--role", paramLabel = "ROLE",
            description = "Reader, Writer (default), Manager, a platform role, or a role CRN; you must hold it there.")
    String role;

    @Option(names = "--service-id", paramLabel = "CRN",
            description = "Use this existing service ID (its CRN or ServiceId-… id) instead of making one.")
    String serviceId;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            Resolved on = new ResourceResolver(client).instance(instance);
            ObjectNode body = Json.object().put("name", name).put("source", on.id());
            if (role != null) {
                body.put("role", role);
            }
            if (serviceId != null) {
                body.putObject("parameters").put("serviceid_crn", serviceId);
            }
            JsonNode key = client.send("POST", ResourceResolver.KEYS, body, Map.of()).body();
            if (json()) {
                print(key);
                return 0;
            }
            JsonNode credentials = key.path("credentials");
            String value = Json.text(credentials, "apikey");
            if (value == null) {
                throw new CliException("the server created resource key " + Json.text(key, "guid") + " but sent no API key");
            }
            out().println("Created resource key " + new Resolved(ResourceResolver.KEYS, Json.text(key, "guid"),
                    Json.text(key, "name")).label() + ".");
            out().println("Credentials:");
            credentials.fieldNames().forEachRemaining(field ->
                    out().println("  " + field + ": " + Json.text(credentials, field)));
            out().println("Keep the API key secret: it acts with the role " + Json.text(credentials, "iam_role_crn")
                    + " on the instance.");
            return 0;
        }
    }
}
