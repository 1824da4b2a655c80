package dev.latchkey.cli.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code latchkey resource-instance-create NAME --service S [--plan P]}: creates an instance of a service; with a
 * plan of the catalogue, {@code --plan} alone names the service.
 */
@Command(name = "resource-instance-create", mixinStandardHelpOptions = true,
        description = "Creates a service instance (needs Editor or Administrator on the service).")
public final class CreateResourceInstanceCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the new instance; names need not be unique.")
    String name;

    @Option(names = "--service", paramLabel = "S", description = "The service it is an instance of (lower-case "
            + "letters, digits and hyphens); may be left out when --plan is a plan of the catalogue.")
    String service;

    @Option(names = "--plan", paramLabel = "P", description = "A plan id: a plan of the catalogue (resource-plans), "
            + "or with --service any id, stored as given (default plan-free).")
    String plan;

    @Option(names = "--resource-group", paramLabel = "G", description = "Resource group id (default: default).")
    String group;

    @Option(names = "--target", paramLabel = "T", description = "Location, stored as given (default: global).")
    String target;

    @Override
    protected int execute() {
        if (service == null && plan == null) {
            throw new ParameterException(spec.commandLine(), "Missing option: --service, or --plan naming a plan of "
                    + "the catalogue");
        }
        try (ApiClient client = openClient()) {
            ObjectNode body = Json.object().put("name", name);
            putIfSet(body, "resource_id", service);
            putIfSet(body, "resource_plan_id", plan);
            putIfSet(body, "resource_group", group);
            putIfSet(body, "target", target);
            JsonNode created = client.send("POST", ResourceResolver.INSTANCES, body, Map.of()).body();
            if (json()) {
                print(created);
            } else {
                Resolved made = new Resolved(ResourceResolver.INSTANCES, Json.text(created, "guid"),
                        Json.text(created, "name"));
                String of = Json.text(created, "resource_id");
                out().println("Created instance " + made.label() + " of service " + (of == null ? service : of) + ".");
                out().println("CRN: " + Json.text(created, "crn"));
            }
            return 0;
        }
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
