package dev.latchkey.cli.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;

/**
 * Turns a {@code NAME|ID} argument into an access group. Arguments starting with {@code AccessGroupId-} are IDs;
 * anything else is the exact name of a group of the logged-in account (names are unique there). Looking a name up
 * needs the right to list the account's groups.
 */
final class AccessGroupResolver {
    static final String COLLECTION = "/v2/groups";
    static final String ID_PREFIX = "AccessGroupId-";

    private final ApiClient client;

    AccessGroupResolver(ApiClient client) {
        this.client = client;
    }

    /** Every group of the account, following IBM's {@code next.href} links; {@code filter} is more query, or "". */
    static JsonNode all(ApiClient client, String filter) {
        return client.getAllPages(COLLECTION + "?account_id=" + ApiClient.encode(client.accountId()) + "&limit=100"
                + filter, "groups");
    }

    Resolved resolve(String nameOrId) {
        if (nameOrId.startsWith(ID_PREFIX)) {
            return new Resolved(COLLECTION, nameOrId, null);
        }
        // IBM's search narrows the listing on the server to names containing the text; only an exact name matches
        var matches = Json.elements(all(client, "&search=" + ApiClient.encode("name:" + nameOrId)).path("groups"))
                .stream()
                .filter(g -> nameOrId.equals(Json.text(g, "name"))).toList();
        return Resolved.onlyMatch(COLLECTION, matches, "id", "access group", nameOrId);
    }
}
