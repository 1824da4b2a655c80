package dev.latchkey.cli.serviceid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;

/**
 * Turns a {@code NAME|ID} argument into a service ID group. Arguments starting with {@code ServiceIdGroup-} are
 * IDs; anything else is the exact name of a group of the logged-in account (names are unique there). Looking a name
 * up needs the right to list the account's groups.
 */
public final class ServiceIdGroupResolver {
    static final String COLLECTION = "/v1/serviceid_groups";
    static final String ID_PREFIX = "ServiceIdGroup-";

    private final ApiClient client;

    public ServiceIdGroupResolver(ApiClient client) {
        this.client = client;
    }

    /** The account's groups, as IBM's list answers them: {@code /v1/serviceid_groups?account_id=…}. */
    static JsonNode all(ApiClient client) {
        return client.get(COLLECTION + "?account_id=" + ApiClient.encode(client.accountId()));
    }

    public Resolved resolve(String nameOrId) {
        if (nameOrId.startsWith(ID_PREFIX)) {
            return new Resolved(COLLECTION, nameOrId, null);
        }
        var matches = Json.elements(all(client).path("serviceid_groups")).stream()
                .filter(g -> nameOrId.equals(Json.text(g, "name"))).toList();
        return Resolved.onlyMatch(COLLECTION, matches, "id", "service ID group", nameOrId);
    }
}
