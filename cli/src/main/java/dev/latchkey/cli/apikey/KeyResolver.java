package dev.latchkey.cli.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@code NAME|ID} argument into a key ID. Arguments starting with {@code ApiKey-} are IDs;
 * anything else must be the exact name of exactly one of the caller's own keys, since names are not unique.
 */
public final class KeyResolver {
    static final String COLLECTION = "/v1/apikeys";
    static final String ID_PREFIX = "ApiKey-";

    private final ApiClient client;

    public KeyResolver(ApiClient client) {
        this.client = client;
    }

    public Resolved resolve(String nameOrId) {
        if (nameOrId.startsWith(ID_PREFIX)) {
            return new Resolved(COLLECTION, nameOrId, null);
        }
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode key : client.getAllPages("/v1/apikeys?pagesize=100", "apikeys").path("apikeys")) {
            if (nameOrId.equals(Json.text(key, "name"))) {
                matches.add(key);
            }
        }
        return Resolved.onlyMatch(COLLECTION, matches, "id", "API key", nameOrId);
    }
}
