package dev.latchkey.cli.serviceid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.DeleteCommand;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import dev.latchkey.cli.Table;
import dev.latchkey.cli.Tables;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The service ID group commands (decision 0043): {@code service-id-groups}, {@code service-id-group-create NAME}
 * and {@code service-id-group-delete NAME|ID}. A service ID joins a group with {@code service-id-create --group}
 * or {@code service-id-update --group}.
 */
public final class ServiceIdGroupCommands {
    private ServiceIdGroupCommands() {
    }

    static Table table(JsonNode groups) {
        Table table = new Table("ID", "NAME", "DESCRIPTION", "CREATED", "CREATED BY");
        for (JsonNode g : groups) {
            table.add(Json.text(g, "id"), Json.text(g, "name"), Tables.shorten(Json.text(g, "description")),
                    Json.text(g, "created_at"), Json.text(g, "created_by"));
        }
        return table;
    }

    /** {@code latchkey service-id-groups}: the account's service ID groups, oldest first. */
    @Command(name = "service-id-groups", mixinStandardHelpOptions = true,
            description = "Lists the service ID groups of your account (needs the Viewer role on IAM Identity or more).")
    public static final class List extends ApiCommand {
        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                JsonNode all = ServiceIdGroupResolver.all(client);
                printListing(all, all.path("serviceid_groups"), "No service ID groups found.",
                        ServiceIdGroupCommands::table);
                return 0;
            }
        }
    }

    /** {@code latchkey service-id-group-create NAME}: a group in the logged-in account. */
    @Command(name = "service-id-group-create", mixinStandardHelpOptions = true,
            description = "Creates a service ID group in your account (needs the Editor role on IAM Identity or more).")
    public static final class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Name of the new group; unique in the account.")
        String name;

        @Option(names = {"-d", "--description"}, paramLabel = "DESC", description = "What the group is for.")
        String description;

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                String accountId = client.accountId();
                ObjectNode body = Json.object().put("account_id", accountId).put("name", name);
                Json.putNonEmpty(body, "description", description);
                JsonNode created = client.send("POST", ServiceIdGroupResolver.COLLECTION, body, Map.of()).body();
                if (json()) {
                    print(created);
                } else {
                    Resolved made = new Resolved(ServiceIdGroupResolver.COLLECTION, Json.text(created, "id"),
                            Json.text(created, "name"));
                    out().println("Created service ID group " + made.label() + ".");
                }
                return 0;
            }
        }
    }

    /** {@code latchkey service-id-group-delete NAME|ID}: refused by the server while a service ID is in it. */
    @Command(name = "service-id-group-delete", mixinStandardHelpOptions = true,
            description = "Deletes a service ID group that no service ID is in.")
    public static final class Delete extends DeleteCommand {
        @Parameters(index = "0", paramLabel = "NAME|ID", description = "The group's name or its ID.")
        String group;

        @Override
        protected Resolved resolve(ApiClient client) {
            return new ServiceIdGroupResolver(client).resolve(group);
        }

        @Override
        protected String question(String label) {
            return "Delete service ID group " + label + "?";
        }

        @Override
        protected String deleted(String label) {
            return "Deleted service ID group " + label + ".";
        }
    }
}
