package dev.latchkey.cli.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The token-signing keys: their states, and a rotation (platform administrators only). */
public final class SigningKeyCommands {
    private SigningKeyCommands() {
    }

    static Table table(JsonNode keys) {
        Table table = new Table("KID", "ALGORITHM", "STATE", "CREATED", "SIGNS FROM", "RETIRES");
        for (JsonNode k : keys) {
            table.add(Json.text(k, "kid"), Json.text(k, "algorithm"), Json.text(k, "state"),
                    Json.text(k, "created_at"), Json.text(k, "activates_at"), Json.text(k, "retires_at"));
        }
        return table;
    }

    /** {@code latchkey signing-keys}. */
    @Command(name = "signing-keys", mixinStandardHelpOptions = true,
            description = "Lists the token-signing keys and their states (platform administrators only).")
    public static final class List extends ApiCommand {
        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                JsonNode answer = client.get("/v1/signing_keys");
                if (json()) {
                    print(answer);
                } else {
                    print(table(answer.path("signing_keys")));
                }
                return 0;
            }
        }
    }

    /** {@code latchkey signing-key-rotate [--immediate [-f]]}. */
    @Command(name = "signing-key-rotate", mixinStandardHelpOptions = true,
            description = "Makes a new token-signing key (platform administrators only). It is published at once and "
                    + "signs after 7 minutes; the old key keeps verifying its tokens until they have expired.")
    public static final class Rotate extends ApiCommand {
        @Option(names = "--immediate", description = "Sign with the new key at once and retire every other key now: "
                + "every token signed so far is refused (for a key that may have leaked).")
        boolean immediate;

        @Option(names = {"-f", "--force"}, description = "With --immediate: do not ask first.")
        boolean force;

        @Override
        protected int execute() {
            if (immediate && !force && !confirmed("Retire every signing key now? Every token signed so far will be "
                    + "refused.", "replace the keys")) {
                err().println("Not rotated.");
                return 1;
            }
            try (ApiClient client = openClient()) {
                JsonNode answer = client.send("POST", "/v1/signing_keys/rotate",
                        Json.object().put("immediate", immediate), Map.of()).body();
                if (json()) {
                    print(answer);
                    return 0;
                }
                JsonNode key = answer.path("key");
                String made = Json.text(key, "kid") + " (" + Json.text(key, "algorithm") + ")";
                out().println(immediate
                        ? "Signing key " + made + " signs from now on; every other key is retired and the tokens "
                                + "they signed are refused."
                        : "Published signing key " + made + "; it starts signing at " + Json.text(key, "activates_at")
                                + ". The current key signs until then.");
                return 0;
            }
        }
    }
}
