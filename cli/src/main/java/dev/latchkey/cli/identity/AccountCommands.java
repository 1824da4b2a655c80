package dev.latchkey.cli.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Account commands: the accounts you belong to, and creating one (platform administrators). */
public final class AccountCommands {
    private AccountCommands() {
    }

    /** {@code latchkey accounts}. */
    @Command(name = "accounts", mixinStandardHelpOptions = true, description = "Lists the accounts you belong to.")
    public static final class List extends ApiCommand {
        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                JsonNode answer = client.get("/v1/accounts");
                if (json()) {
                    print(answer);
                    return 0;
                }
                String current = client.token().accountId();
                Table table = new Table("ID", "NAME", "OWNER", "CREATED", "CURRENT");
                for (JsonNode a : answer.path("accounts")) {
                    table.add(Json.text(a, "id"), Json.text(a, "name"), Json.text(a, "owner_iam_id"),
                            Json.text(a, "created_at"), Json.text(a, "id").equals(current) ? "*" : "");
                }
                print(table);
                return 0;
            }
        }
    }

    /** {@code latchkey account-create NAME}. */
    @Command(name = "account-create", mixinStandardHelpOptions = true,
            description = "Creates an account (platform administrators only).")
    public static final class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Name of the account.")
        String name;

        @Option(names = "--owner", paramLabel = "IAM_ID", description = "Its owner (an existing user); default you.")
        String owner;

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                ObjectNode body = Json.object().put("name", name);
                if (owner != null) {
                    body.put("owner_iam_id", owner);
                }
                JsonNode answer = client.send("POST", "/v1/accounts", body, Map.of()).body();
                if (json()) {
                    print(answer);
                } else {
                    out().println("Created account " + Json.text(answer, "id") + " (" + Json.text(answer, "name")
                            + "), owned by " + Json.text(answer, "owner_iam_id") + ".");
                }
                return 0;
            }
        }
    }
}
