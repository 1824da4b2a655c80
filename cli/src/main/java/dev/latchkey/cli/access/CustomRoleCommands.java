package dev.latchkey.cli.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.ApiResponse;
import dev.latchkey.cli.DeleteCommand;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import dev.latchkey.cli.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * The custom role commands (decision 0046): {@code role-create NAME}, {@code role NAME|ID}, {@code role-update
 * NAME|ID} and {@code role-delete NAME|ID}. {@code roles} lists them beside the built-in roles, and
 * {@code policy-create --roles} assigns one by display name, name or CRN.
 */
public final class CustomRoleCommands {
    private static final String MANAGERS = "needs the Administrator role on iam-access-management; the account "
            + "owner may too";

    private CustomRoleCommands() {
    }

    static Table details(JsonNode role) {
        List<String> actions = new ArrayList<>();
        role.path("actions").forEach(a -> actions.add(a.asText()));
        return new Table("FIELD", "VALUE")
                .add("ID", Json.text(role, "id"))
                .add("Name", Json.text(role, "name"))
                .add("Display name", Json.text(role, "display_name"))
                .add("Description", Json.text(role, "description"))
                .add("Service", Json.text(role, "service_name"))
                .add("Actions", String.join(", ", actions))
                .add("CRN", Json.text(role, "crn"))
                .add("Account ID", Json.text(role, "account_id"))
                .add("Created at", Json.text(role, "created_at"))
                .add("Created by", Json.text(role, "created_by_id"))
                .add("Modified at", Json.text(role, "last_modified_at"))
                .add("Modified by", Json.text(role, "last_modified_by_id"));
    }

    /** The actions as given, each stripped; empty items (a trailing comma) are dropped. */
    static void actions(ObjectNode body, List<String> given) {
        ArrayNode array = body.putArray("actions");
        given.stream().map(String::strip).filter(a -> !a.isEmpty()).forEach(array::add);
    }

    /** {@code latchkey role-create NAME}: a custom role of the logged-in account on one service. */
    @Command(name = "role-create", mixinStandardHelpOptions = true,
            description = "Creates a custom role of your account: a service's own actions under one role ("
                    + MANAGERS + ").")
    public static final class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME",
                description = "The role's name in its CRN: letters and digits, starting with a capital, e.g. "
                        + "ShelfWriter; unique in the account, cannot change.")
        String name;

        @Option(names = "--display-name", required = true, paramLabel = "TEXT",
                description = "How policies and lists show it, e.g. \"Shelf writer\".")
        String displayName;

        @Option(names = "--service-name", required = true, paramLabel = "SERVICE",
                description = "The one service whose actions it grants, e.g. books.")
        String serviceName;

        @Option(names = "--actions", required = true, split = ",", paramLabel = "ACTION",
                description = "The actions it grants, comma-separated, each SERVICE.<...>, no wildcards: "
                        + "e.g. books.shelf.read,books.shelf.write.")
        List<String> actions;

        @Option(names = {"-d", "--description"}, paramLabel = "DESC", description = "What the role is for.")
        String description;

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                ObjectNode body = Json.object().put("account_id", client.accountId())
                        .put("name", name).put("display_name", displayName).put("service_name", serviceName);
                Json.putNonEmpty(body, "description", description);
                actions(body, actions);
                JsonNode created = client.send("POST", CustomRoleResolver.COLLECTION, body, Map.of()).body();
                if (json()) {
                    print(created);
                } else {
                    Resolved made = new Resolved(CustomRoleResolver.COLLECTION, Json.text(created, "id"),
                            Json.text(created, "display_name"));
                    out().println("Created custom role " + made.label() + ".");
                    out().println("CRN: " + Json.text(created, "crn"));
                }
                return 0;
            }
        }
    }

    /** {@code latchkey role NAME|ID}: one custom role's fields. */
    @Command(name = "role", mixinStandardHelpOptions = true,
            description = "Shows one custom role of your account: its service, actions and CRN (any member of the "
                    + "account may).")
    public static final class Show extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME|ID", description = "The role's name (e.g. ShelfWriter) or its ID.")
        String role;

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                JsonNode details = client.get(new CustomRoleResolver(client).resolve(role).path());
                if (json()) {
                    print(details);
                } else {
                    print(details(details));
                }
                return 0;
            }
        }
    }

    /**
     * {@code latchkey role-update NAME|ID}: IBM's replace takes the whole role, so it reads the role, sends its
     * current values for what was not given, and sends the {@code ETag} it read as {@code If-Match}: a concurrent
     * change makes the update fail instead of being overwritten.
     */
    @Command(name = "role-update", mixinStandardHelpOptions = true,
            description = "Changes a custom role's display name, description or actions; the rest stays. A change "
                    + "of actions applies to the next access decision (" + MANAGERS + ").")
    public static final class Update extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME|ID", description = "The role's name (e.g. ShelfWriter) or its ID.")
        String role;

        @Option(names = "--display-name", paramLabel = "TEXT", description = "New display name.")
        String displayName;

        @Option(names = {"-d", "--description"}, paramLabel = "DESC", description = "New description; \"\" removes it.")
        String description;

        @Option(names = "--actions", split = ",", paramLabel = "ACTION",
                description = "The new list of actions, comma-separated; it replaces the whole list.")
        List<String> actions;

        @Override
        protected int execute() {
            if (displayName == null && description == null && actions == null) {
                throw new ParameterException(spec.commandLine(),
                        "Nothing to update: give --display-name, --description, --actions or several");
            }
            try (ApiClient client = openClient()) {
                Resolved resolved = new CustomRoleResolver(client).resolve(role);
                ApiResponse current = client.send("GET", resolved.path(), null, Map.of());
                String etag = current.entityTag("custom role " + resolved.label());
                JsonNode now = current.body();
                ObjectNode body = Json.object()
                        .put("display_name", displayName != null ? displayName : Json.text(now, "display_name"));
                String newDescription = description != null ? description : Json.text(now, "description");
                Json.putNonEmpty(body, "description", newDescription);
                if (actions != null) {
                    actions(body, actions);
                } else {
                    ArrayNode kept = body.putArray("actions");
                    now.path("actions").forEach(kept::add);
                }
                JsonNode updated = client.send("PUT", resolved.path(), body, Map.of("If-Match", etag)).body();
                if (json()) {
                    print(updated);
                } else {
                    out().println("Updated custom role " + resolved.withName(Json.text(updated, "name")).label()
                            + ".");
                }
                return 0;
            }
        }
    }

    /** {@code latchkey role-delete NAME|ID}: refused by the server (409) while a policy names the role. */
    @Command(name = "role-delete", mixinStandardHelpOptions = true,
            description = "Deletes a custom role that no policy names (" + MANAGERS + ").")
    public static final class Delete extends DeleteCommand {
        @Parameters(index = "0", paramLabel = "NAME|ID", description = "The role's name (e.g. ShelfWriter) or its ID.")
        String role;

        @Override
        protected Resolved resolve(ApiClient client) {
            return new CustomRoleResolver(client).resolve(role);
        }

        @Override
        protected String question(String label) {
            return "Delete custom role " + label + "?";
        }

        @Override
        protected String deleted(String label) {
            return "Deleted custom role " + label + ".";
        }
    }
}
