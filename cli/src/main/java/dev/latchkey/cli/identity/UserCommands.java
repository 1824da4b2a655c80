package dev.latchkey.cli.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The user commands of one account (IBM User Management): list, invite, remove. */
public final class UserCommands {
    private UserCommands() {
    }

    static String usersPath(ApiClient client, String account) {
        return "/v2/accounts/" + ApiClient.segment(client.accountId(account)) + "/users";
    }

    /**
     * The IAM ID of the user with this e-mail (any case) in {@code account} (null: the logged-in one), looked up in
     * the account's whole user list.
     *
     * @throws CliException when no user of the account has it
     */
    public static String iamIdOf(ApiClient client, String account, String email) {
        for (JsonNode u : all(client, account).path("resources")) {
            if (email.equalsIgnoreCase(Json.text(u, "email"))) {
                return Json.text(u, "iam_id");
            }
        }
        throw new CliException("no user with e-mail " + email + " in the account");
    }

    /** Every user of {@code account} (null: the logged-in one), all pages in {@code resources}. */
    static JsonNode all(ApiClient client, String account) {
        return client.getAllPages(usersPath(client, account) + "?limit=100", "resources");
    }

    /** {@code latchkey users}: the account's users, following every page. */
    @Command(name = "users", mixinStandardHelpOptions = true, description = "Lists the users of your account.")
    public static final class List extends ApiCommand {
        @Option(names = "--account", paramLabel = "ACCOUNT_ID", description = "Another account you belong to.")
        String account;

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                JsonNode all = all(client, account);
                if (json()) {
                    print(all);
                    return 0;
                }
                Table table = new Table("IAM ID", "EMAIL", "NAME", "STATE", "FUNCTIONAL", "INVITED BY", "ADDED");
                for (JsonNode u : all.path("resources")) {
                    table.add(Json.text(u, "iam_id"), Json.text(u, "email"),
                            (Json.text(u, "firstname") + " " + Json.text(u, "lastname")).strip(), Json.text(u, "state"),
                            u.path("functional").asBoolean() ? "yes" : "no", Json.text(u, "invited_by"), Json.text(u, "added_on"));
                }
                print(table);
                return 0;
            }
        }
    }

    /** {@code latchkey user-invite EMAIL}: invites a person (or a functional ID) and shows the invitation token. */
    @Command(name = "user-invite", mixinStandardHelpOptions = true,
            description = "Invites a user to your account; prints the invitation token the invitee accepts with.")
    public static final class Invite extends ApiCommand {
        @Parameters(index = "0", paramLabel = "EMAIL", description = "E-mail of the person or program.")
        String email;

        @Option(names = "--first-name", description = "Given name.")
        String firstName;

        @Option(names = "--last-name", description = "Family name.")
        String lastName;

        @Option(names = "--functional", description = "A functional ID: a program, no password, API keys only.")
        boolean functional;

        @Option(names = "--account", paramLabel = "ACCOUNT_ID", description = "Another account you belong to.")
        String account;

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                ObjectNode body = Json.object();
                ObjectNode user = body.putArray("users").addObject().put("email", email).put("account_role", "Member");
                Json.putGiven(user, "firstname", firstName);
                Json.putGiven(user, "lastname", lastName);
                if (functional) {
                    user.put("functional", true);
                }
                JsonNode answer = client.send("POST", usersPath(client, account), body, Map.of()).body();
                if (json()) {
                    print(answer);
                    return 0;
                }
                JsonNode invited = answer.path("resources").path(0);
                out().println("Invited " + Json.text(invited, "email") + " as " + Json.text(invited, "id") + " ("
                        + Json.text(invited, "state") + ").");
                String token = Json.text(invited, "invitation_token");
                if (token != null) {
                    out().println("Give them this invitation token; it works once, for 7 days:");
                    out().println("    " + token);
                    out().println("They accept with: latchkey invitation-accept --url URL --token TOKEN");
                }
                return 0;
            }
        }
    }

    /** {@code latchkey user-remove IAM_ID|EMAIL}: removes a user, with their API keys and policies there. */
    @Command(name = "user-remove", mixinStandardHelpOptions = true,
            description = "Removes a user from your account; their API keys and policies in it are deleted.")
    public static final class Remove extends ApiCommand {
        @Parameters(index = "0", paramLabel = "IAM_ID|EMAIL", description = "The user.")
        String user;

        @Option(names = {"-f", "--force"}, description = "Remove without asking.")
        boolean force;

        @Option(names = "--account", paramLabel = "ACCOUNT_ID", description = "Another account you belong to.")
        String account;

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                String iamId = user.contains("@") ? iamIdOf(client, account, user) : user;
                if (!force && !confirmed("Remove " + user + " and delete their API keys in the account?")) {
                    err().println("Not removed.");
                    return 1;
                }
                client.send("DELETE", usersPath(client, account) + "/" + ApiClient.segment(iamId), null, Map.of());
                if (!json()) {
                    out().println("Removed " + user + " from the account.");
                }
                return 0;
            }
        }
    }
}
