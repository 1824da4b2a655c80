package dev.latchkey.cli.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import java.util.regex.Pattern;

/**
 * Turns a {@code NAME|ID} argument into a custom role (decision 0046). An ID is 32 lower-case hex characters; a
 * name starts with a capital letter, so the two never overlap. Anything else is the exact {@code name} of a custom
 * role of the logged-in account (names are unique there: they are in the role's CRN), looked up in the account's
 * role listing, which every member of the account may read.
 */
public final class CustomRoleResolver {
    static final String COLLECTION = "/v2/roles";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private final ApiClient client;

    public CustomRoleResolver(ApiClient client) {
        this.client = client;
    }

    /** The account's roles, as IBM's listing answers them ({@code custom_roles} beside the built-in ones). */
    static JsonNode all(ApiClient client) {
        return client.get(COLLECTION + "?account_id=" + ApiClient.encode(client.accountId()));
    }

    public Resolved resolve(String nameOrId) {
        if (ID.matcher(nameOrId).matches()) {
            return new Resolved(COLLECTION, nameOrId, null);
        }
        var matches = Json.elements(all(client).path("custom_roles")).stream()
                .filter(r -> nameOrId.equals(Json.text(r, "name"))).toList();
        return Resolved.onlyMatch(COLLECTION, matches, "id", "custom role", nameOrId);
    }
}
