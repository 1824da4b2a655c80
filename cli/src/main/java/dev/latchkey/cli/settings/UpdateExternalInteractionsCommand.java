package dev.latchkey.cli.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.ApiResponse;
import dev.latchkey.cli.Choices;
import dev.latchkey.cli.Json;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code latchkey external-interactions-update}: changes one identity type's external identity interaction. It
 * reads the current {@code Etag} and sends it as {@code If-Match}; what is not given keeps its current value.
 */
@Command(name = "external-interactions-update", mixinStandardHelpOptions = true,
        description = "Changes whether the account lets in users authenticated in other accounts: enabled (yes), "
                + "monitor (yes, and report it), limited (only from the accounts allowed).")
public final class UpdateExternalInteractionsCommand extends ApiCommand {
    /** IBM's states. */
    public static final class State extends Choices.OneOf {
        public State() {
            super("enabled", "monitor", "limited");
        }
    }

    /** IBM's identity types. */
    public static final class IdentityType extends Choices.OneOf {
        public IdentityType() {
            super("user", "service_id", "service");
        }
    }

    @Option(names = "--account", paramLabel = "ID", description = "Account ID; default: the account you are logged in to.")
    String account;

    @Option(names = "--identity-type", paramLabel = "user|service_id|service", converter = IdentityType.class,
            defaultValue = "user", description = "Which identities (default: user; only user has an effect here).")
    String identityType;

    @Option(names = "--state", paramLabel = "enabled|monitor|limited", converter = State.class,
            description = "enabled: not restricted; monitor: report only; limited: restricted.")
    String state;

    @Option(names = "--allowed-accounts", paramLabel = "IDS",
            description = "Accounts whose users stay allowed when limited, comma-separated; \"\" for none.")
    String allowedAccounts;

    @Override
    protected int execute() {
        if (state == null && allowedAccounts == null) {
            throw new ParameterException(spec.commandLine(), "Nothing to update: give --state and/or "
                    + "--allowed-accounts, e.g. --state monitor");
        }
        try (ApiClient client = openClient()) {
            String path = ShowExternalInteractionsCommand.path(client, account);
            ApiResponse current = client.send("GET", path, null, Map.of());
            String etag = current.entityTag("the access management settings");
            JsonNode now = current.body().path("external_account_identity_interaction").path("identity_types")
                    .path(identityType);
            ObjectNode body = Json.object();
            ObjectNode entry = body.putObject("external_account_identity_interaction").putObject("identity_types")
                    .putObject(identityType);
            entry.put("state", state != null ? state : Json.text(now, "state"));
            ArrayNode accounts = entry.putArray("external_allowed_accounts");
            if (allowedAccounts != null) {
                Arrays.stream(allowedAccounts.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .forEach(accounts::add);
            } else {
                now.path("external_allowed_accounts").forEach(accounts::add);
            }
            JsonNode updated = client.send("PATCH", path, body, Map.of("If-Match", etag)).body();
            if (json()) {
                print(updated);
            } else {
                out().println("Updated the external identity interactions.");
                print(ShowExternalInteractionsCommand.table(updated));
            }
            return 0;
        }
    }
}
