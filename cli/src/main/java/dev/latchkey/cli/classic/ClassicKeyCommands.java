package dev.latchkey.cli.classic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Classic infrastructure key commands: yours by default, or with {@code --user} (an e-mail or IAM id) the key of
 * a user you are an ancestor of in the account's invitation hierarchy.
 */
public final class ClassicKeyCommands {
    private ClassicKeyCommands() {
    }

    /** The key of {@code user} (or the caller's own when null) from the classic view; fails when there is none. */
    static JsonNode find(ApiClient client, String user) {
        String who = user == null ? client.token().iamId() : user;
        for (JsonNode key : client.get("/v1/classic_keys").path("classic_keys")) {
            if (who.equalsIgnoreCase(Json.text(key, "iam_id")) || who.equalsIgnoreCase(Json.text(key, "username"))) {
                return key;
            }
        }
        throw new CliException(user == null ? "you have no classic infrastructure key in this account"
                : "no classic infrastructure key of " + user + " that you may see (yours, or of users you invited, "
                        + "directly or further down)");
    }

    /** {@code latchkey classic-keys}. */
    @Command(name = "classic-keys", mixinStandardHelpOptions = true,
            description = "Lists your classic infrastructure key and those of users below you in the invitation hierarchy.")
    public static final class List extends ApiCommand {
        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                JsonNode answer = client.get("/v1/classic_keys");
                if (json()) {
                    print(answer);
                    return 0;
                }
                Table table = new Table("ID", "USER", "IAM ID", "KEY", "CREATED");
                for (JsonNode k : answer.path("classic_keys")) {
                    table.add(Json.text(k, "id"), Json.text(k, "username"), Json.text(k, "iam_id"),
                            Json.text(k, "display_prefix") + "…", Json.text(k, "created_at"));
                }
                print(table);
                return 0;
            }
        }
    }

    /** {@code latchkey classic-key-create}. */
    @Command(name = "classic-key-create", mixinStandardHelpOptions = true,
            description = "Creates your classic infrastructure key (one at a time) and shows it.")
    public static final class Create extends ApiCommand {
        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                JsonNode key = client.send("POST", "/v1/classic_keys", null, Map.of()).body();
                if (json()) {
                    print(key);
                } else {
                    out().println("Created classic infrastructure key " + Json.text(key, "id") + " for "
                            + Json.text(key, "username") + ":");
                    out().println("    " + Json.text(key, "apikey"));
                    out().println("Use it with HTTP Basic: user name " + Json.text(key, "username")
                            + ", password the key. 'latchkey classic-key-show' shows it again.");
                }
                return 0;
            }
        }
    }

    /** {@code latchkey classic-key-show [--user U]}: the value is shown only for your own key. */
    @Command(name = "classic-key-show", mixinStandardHelpOptions = true,
            description = "Shows a classic infrastructure key; its value only when it is yours.")
    public static final class Show extends ApiCommand {
        @Option(names = "--user", paramLabel = "EMAIL|IAM_ID", description = "A user below you in the invitation hierarchy.")
        String user;

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                JsonNode key = client.get("/v1/classic_keys/" + ApiClient.segment(Json.text(find(client, user), "id")));
                if (json()) {
                    print(key);
                    return 0;
                }
                Table table = new Table("FIELD", "VALUE");
                table.add("ID", Json.text(key, "id")).add("User", Json.text(key, "username"))
                        .add("IAM ID", Json.text(key, "iam_id")).add("Account", Json.text(key, "account_id"))
                        .add("Created", Json.text(key, "created_at") + " by " + Json.text(key, "created_by"))
                        .add("Key", key.hasNonNull("apikey") ? Json.text(key, "apikey") : Json.text(key, "display_prefix") + "…");
                print(table);
                return 0;
            }
        }
    }

    /** {@code latchkey classic-key-delete [--user U] [-f]}. */
    @Command(name = "classic-key-delete", mixinStandardHelpOptions = true,
            description = "Deletes a classic infrastructure key: yours, or one of a user below you.")
    public static final class Delete extends ApiCommand {
        @Option(names = "--user", paramLabel = "EMAIL|IAM_ID", description = "A user below you in the invitation hierarchy.")
        String user;

        @Option(names = {"-f", "--force"}, description = "Delete without asking.")
        boolean force;

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                JsonNode key = find(client, user);
                if (!force && !confirmed("Delete the classic infrastructure key of " + Json.text(key, "username") + "?")) {
                    err().println("Not deleted.");
                    return 1;
                }
                client.send("DELETE", "/v1/classic_keys/" + ApiClient.segment(Json.text(key, "id")), null, Map.of());
                if (!json()) {
                    out().println("Deleted the classic infrastructure key of " + Json.text(key, "username") + ".");
                }
                return 0;
            }
        }
    }
}
