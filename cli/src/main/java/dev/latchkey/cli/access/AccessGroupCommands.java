package dev.latchkey.cli.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.ApiResponse;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.DeleteCommand;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import dev.latchkey.cli.Table;
import dev.latchkey.cli.Tables;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * The access group commands (IBM IAM Access Groups v2, decision 0042): list, show, create, update and delete groups,
 * add and remove members. Access for a group's members is a policy whose subject is the group; a policy names it with
 * {@code policy-create --access-group}.
 */
public final class AccessGroupCommands {
    private AccessGroupCommands() {
    }

    static Table groups(JsonNode groups) {
        Table table = new Table("ID", "NAME", "DESCRIPTION", "CREATED", "CREATED BY");
        for (JsonNode g : groups) {
            table.add(Json.text(g, "id"), Json.text(g, "name"), Tables.shorten(Json.text(g, "description")),
                    Json.text(g, "created_at"), Json.text(g, "created_by_id"));
        }
        return table;
    }

    static Table members(JsonNode members) {
        Table table = new Table("IAM ID", "TYPE", "NAME", "EMAIL", "ADDED", "ADDED BY");
        for (JsonNode m : members) {
            table.add(Json.text(m, "iam_id"), Json.text(m, "type"), Json.text(m, "name"), Json.text(m, "email"),
                    Json.text(m, "created_at"), Json.text(m, "created_by_id"));
        }
        return table;
    }

    /** {@code latchkey access-groups [--user EMAIL|IAM_ID | --service-id NAME|ID]}: the groups, or one identity's. */
    @Command(name = "access-groups", mixinStandardHelpOptions = true,
            description = "Lists the access groups of your account (needs the Viewer role on iam-groups or more; "
                    + "a member sees the groups they are in).")
    public static final class List extends ApiCommand {
        @ArgGroup(exclusive = true)
        Member member;

        /** Whose groups: a user's or a service ID's, not both. */
        static final class Member {
            @Option(names = "--user", paramLabel = "EMAIL|IAM_ID", description = "Only the groups this user is in.")
            String user;

            @Option(names = "--service-id", paramLabel = "NAME|ID",
                    description = "Only the groups this service ID is in.")
            String serviceId;
        }

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                String filter = "";
                if (member != null) {
                    String iamId = (member.user != null ? GroupMembers.user(client, member.user)
                            : GroupMembers.serviceId(client, member.serviceId)).iamId();
                    filter = "&iam_id=" + ApiClient.encode(iamId);
                }
                JsonNode all = AccessGroupResolver.all(client, filter);
                printListing(all, all.path("groups"), "No access groups found.", AccessGroupCommands::groups);
                return 0;
            }
        }
    }

    /** {@code latchkey access-group NAME|ID}: one group, with its members. */
    @Command(name = "access-group", mixinStandardHelpOptions = true,
            description = "Shows an access group and its members (needs the Viewer role on iam-groups or more, "
                    + "or being a member).")
    public static final class Show extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME|ID", description = "The group's name or its ID.")
        String group;

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                Resolved resolved = new AccessGroupResolver(client).resolve(group);
                JsonNode shown = client.get(resolved.path());
                JsonNode members = client.getAllPages(resolved.path() + "/members?verbose=true&limit=100", "members")
                        .path("members");
                if (json()) {
                    ObjectNode whole = ((ObjectNode) shown).deepCopy();
                    whole.set("members", members);
                    print(whole);
                    return 0;
                }
                Table fields = new Table("FIELD", "VALUE");
                fields.add("ID", Json.text(shown, "id"));
                fields.add("Name", Json.text(shown, "name"));
                fields.add("Description", Json.text(shown, "description"));
                fields.add("Account", Json.text(shown, "account_id"));
                fields.add("Created", Json.text(shown, "created_at") + " by " + Json.text(shown, "created_by_id"));
                fields.add("Modified", Json.text(shown, "last_modified_at") + " by "
                        + Json.text(shown, "last_modified_by_id"));
                print(fields);
                out().println();
                if (members.isEmpty()) {
                    out().println("No members.");
                } else {
                    print(members(members));
                }
                return 0;
            }
        }
    }

    /** {@code latchkey access-group-create NAME}: a group in the logged-in account. */
    @Command(name = "access-group-create", mixinStandardHelpOptions = true,
            description = "Creates an access group in your account (needs the Editor role on iam-groups or more).")
    public static final class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Name of the new group; unique in the account.")
        String name;

        @Option(names = {"-d", "--description"}, paramLabel = "DESC", description = "What the group is for.")
        String description;

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                ObjectNode body = Json.object().put("name", name);
                Json.putNonEmpty(body, "description", description);
                JsonNode created = client.send("POST", AccessGroupResolver.COLLECTION + "?account_id="
                        + ApiClient.encode(client.accountId()), body, Map.of()).body();
                if (json()) {
                    print(created);
                } else {
                    out().println("Created access group " + label(created) + ".");
                }
                return 0;
            }
        }
    }

    /**
     * {@code latchkey access-group-update NAME|ID}: renames a group or changes its description, with the ETag it just
     * read as {@code If-Match}, so that a concurrent change fails the update instead of being overwritten.
     */
    @Command(name = "access-group-update", mixinStandardHelpOptions = true,
            description = "Changes an access group's name or description (needs the Editor role on iam-groups or "
                    + "more).")
    public static final class Update extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME|ID", description = "The group's name or its ID.")
        String group;

        @Option(names = {"-n", "--name"}, paramLabel = "NEW_NAME", description = "New name.")
        String newName;

        @Option(names = {"-d", "--description"}, paramLabel = "DESC", description = "New description; \"\" clears it.")
        String description;

        @Override
        protected int execute() {
            if (newName == null && description == null) {
                throw new ParameterException(spec.commandLine(),
                        "Nothing to update: give --name, --description or both");
            }
            if (newName != null && newName.isBlank()) {
                throw new ParameterException(spec.commandLine(),
                        "Invalid value for option '--name': a name cannot be empty");
            }
            ObjectNode changes = Json.object();
            Json.putGiven(changes, "name", newName);
            Json.putGiven(changes, "description", description);
            try (ApiClient client = openClient()) {
                Resolved resolved = new AccessGroupResolver(client).resolve(group);
                ApiResponse current = client.send("GET", resolved.path(), null, Map.of());
                JsonNode updated = client.send("PATCH", resolved.path(), changes,
                        Map.of("If-Match", current.entityTag("access group " + resolved.label()))).body();
                if (json()) {
                    print(updated);
                } else {
                    out().println("Updated access group " + label(updated) + ".");
                }
                return 0;
            }
        }
    }

    /** {@code latchkey access-group-delete NAME|ID}: refused by the server while the group has members, unless -r. */
    @Command(name = "access-group-delete", mixinStandardHelpOptions = true,
            description = "Deletes an access group (needs the Editor role on iam-groups or more); with members, "
                    + "only with --recursive, which removes them and the group's policies too.")
    public static final class Delete extends DeleteCommand {
        @Parameters(index = "0", paramLabel = "NAME|ID", description = "The group's name or its ID.")
        String group;

        @Option(names = {"-r", "--recursive"},
                description = "Also when it has members: they leave it, and its policies are deleted with it.")
        boolean recursive;

        @Override
        protected Resolved resolve(ApiClient client) {
            return new AccessGroupResolver(client).resolve(group);
        }

        @Override
        protected String query() {
            return recursive ? "?force=true" : "";
        }

        /** The server's 409 for a group with members names its own parameter, {@code force=true}: here it is -r. */
        @Override
        protected CliException explained(CliException refused) {
            return !recursive && refused.status() == 409 ? new CliException(refused.getMessage()
                    + " With this command: -r.", refused.status(), refused.code()) : refused;
        }

        @Override
        protected String question(String label) {
            return recursive ? "Delete access group " + label + ", its members' places in it and its policies?"
                    : "Delete access group " + label + "?";
        }

        @Override
        protected String deleted(String label) {
            return "Deleted access group " + label + ".";
        }
    }

    /** {@code latchkey access-group-add GROUP --user … --service-id …}: one outcome per member (IBM's 207). */
    @Command(name = "access-group-add", mixinStandardHelpOptions = true,
            description = "Adds users and service IDs to an access group (needs the Editor role on iam-groups or "
                    + "more, and the right to assign each of the group's policies yourself).")
    public static final class Add extends MembersCommand {
        @Override
        protected JsonNode send(ApiClient client, Resolved group, java.util.List<GroupMembers.Member> members) {
            ObjectNode body = Json.object();
            ArrayNode items = body.putArray("members");
            members.forEach(m -> items.addObject().put("iam_id", m.iamId()).put("type", m.type()));
            return client.send("PUT", group.path() + "/members", body, Map.of()).body();
        }

        @Override
        protected String done(String member, String group) {
            return "Added " + member + " to access group " + group + ".";
        }

        @Override
        protected String failed() {
            return "not added";
        }
    }

    /** {@code latchkey access-group-remove GROUP --user … --service-id …}: one outcome per member (IBM's 207). */
    @Command(name = "access-group-remove", mixinStandardHelpOptions = true,
            description = "Removes users and service IDs from an access group (needs the Editor role on iam-groups "
                    + "or more).")
    public static final class Remove extends MembersCommand {
        @Override
        protected JsonNode send(ApiClient client, Resolved group, java.util.List<GroupMembers.Member> members) {
            ObjectNode body = Json.object();
            ArrayNode items = body.putArray("members");
            members.forEach(m -> items.add(m.iamId()));
            return client.send("POST", group.path() + "/members/delete", body, Map.of()).body();
        }

        @Override
        protected String done(String member, String group) {
            return "Removed " + member + " from access group " + group + ".";
        }

        @Override
        protected String failed() {
            return "not removed";
        }
    }

    /**
     * Base of {@code access-group-add} and {@code access-group-remove}: resolves the group and every member before
     * sending anything (a name that matches nothing changes nothing), sends one request, and reports the server's
     * outcome for each member; exits 1 when any member was refused.
     */
    abstract static class MembersCommand extends ApiCommand {
        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's name or its ID.")
        String group;

        @Option(names = "--user", paramLabel = "EMAIL|IAM_ID", split = ",",
                description = "A user of the account, by e-mail or IAM ID; repeat or separate with commas.")
        java.util.List<String> users = new java.util.ArrayList<>();

        @Option(names = "--service-id", paramLabel = "NAME|ID", split = ",",
                description = "A service ID of the account, by name or ID; repeat or separate with commas.")
        java.util.List<String> serviceIds = new java.util.ArrayList<>();

        protected abstract JsonNode send(ApiClient client, Resolved group, java.util.List<GroupMembers.Member> members);

        protected abstract String done(String member, String group);

        /** How a refusal starts: {@code latchkey: <failed> <member>: <reason>}. */
        protected abstract String failed();

        @Override
        protected final int execute() {
            if (users.isEmpty() && serviceIds.isEmpty()) {
                throw new ParameterException(spec.commandLine(),
                        "Name at least one member with --user or --service-id");
            }
            try (ApiClient client = openClient()) {
                Resolved resolved = new AccessGroupResolver(client).resolve(group).named(client);
                java.util.List<GroupMembers.Member> members = new java.util.ArrayList<>();
                users.forEach(u -> members.add(GroupMembers.user(client, u)));
                serviceIds.forEach(s -> members.add(GroupMembers.serviceId(client, s)));
                JsonNode answer = send(client, resolved, members);
                if (json()) {
                    print(answer);
                }
                Map<String, JsonNode> outcomes = new java.util.HashMap<>();
                answer.path("members").forEach(o -> outcomes.put(Json.text(o, "iam_id"), o));
                int refused = 0;
                for (GroupMembers.Member member : members) {
                    JsonNode outcome = outcomes.get(member.iamId());
                    int status = outcome == null ? 0 : outcome.path("status_code").asInt();
                    if (status / 100 == 2) {
                        if (!json()) {
                            out().println(done(member.label(), resolved.label()));
                        }
                    } else {
                        refused++;
                        String reason = outcome == null ? "the server did not answer for it"
                                : Json.text(outcome.path("errors").path(0), "message");
                        err().println("latchkey: " + failed() + " " + member.label() + ": "
                                + (reason == null ? "status " + status : reason));
                    }
                }
                return refused == 0 ? 0 : 1;
            }
        }
    }

    private static String label(JsonNode group) {
        return new Resolved(AccessGroupResolver.COLLECTION, Json.text(group, "id"), Json.text(group, "name")).label();
    }
}
