package dev.latchkey.cli.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.DeleteCommand;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import dev.latchkey.cli.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The plan catalogue, {@code /v2/resource_plans} (decision 0045): which service a plan id names, so that an instance
 * created with the plan alone belongs to it. The built-in plans and the account's own are listed; an Administrator
 * of a service registers and deletes its plans.
 */
public final class ResourcePlanCommands {
    static final String PLANS = "/v2/resource_plans";

    private ResourcePlanCommands() {
    }

    static Table table(JsonNode plans) {
        Table table = new Table("ID", "NAME", "SERVICE", "BUILT-IN", "CREATED");
        for (JsonNode p : plans) {
            table.add(Json.text(p, "id"), Json.text(p, "name"), Json.text(p, "resource_id"),
                    p.path("built_in").asBoolean() ? "yes" : "no", Json.text(p, "created_at"));
        }
        return table;
    }

    /** {@code latchkey resource-plans}: the built-in plans and the account's own, every page. */
    @Command(name = "resource-plans", mixinStandardHelpOptions = true,
            description = "Lists the plan catalogue: the built-in plans and your account's own.")
    public static final class List extends ApiCommand {
        @Option(names = "--service", paramLabel = "S", description = "Only plans of this service.")
        String service;

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                JsonNode all = ResourcePages.all(client, PLANS + "?limit=200"
                        + (service == null ? "" : "&resource_id=" + ApiClient.encode(service)));
                printListing(all, all, "No plans found.", ResourcePlanCommands::table);
                return 0;
            }
        }
    }

    /** {@code latchkey resource-plan-create ID --service S --name N}: registers a plan in the account. */
    @Command(name = "resource-plan-create", mixinStandardHelpOptions = true,
            description = "Registers a plan of a service in your account (needs Administrator on the service).")
    public static final class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The plan id instances name as resource_plan_id.")
        String id;

        @Option(names = "--service", required = true, paramLabel = "S", description = "The service the plan is of.")
        String service;

        @Option(names = "--name", required = true, paramLabel = "N", description = "Its display name, e.g. Gold.")
        String name;

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                ObjectNode body = Json.object().put("id", id).put("name", name).put("resource_id", service);
                JsonNode created = client.send("POST", PLANS, body, Map.of()).body();
                if (json()) {
                    print(created);
                } else {
                    out().println("Registered plan " + new Resolved(PLANS, Json.text(created, "id"),
                            Json.text(created, "name")).label() + " of service " + service + ".");
                }
                return 0;
            }
        }
    }

    /** {@code latchkey resource-plan-delete ID}: deletes a plan of the account, unless instances use it. */
    @Command(name = "resource-plan-delete", mixinStandardHelpOptions = true,
            description = "Deletes a plan of your account; refused while active instances use it.")
    public static final class Delete extends DeleteCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The plan's id.")
        String id;

        @Override
        protected Resolved resolve(ApiClient client) {
            return new Resolved(PLANS, id, null);
        }

        @Override
        protected String question(String label) {
            return "Delete plan " + label + "?";
        }

        @Override
        protected String deleted(String label) {
            return "Deleted plan " + label + ".";
        }
    }
}
