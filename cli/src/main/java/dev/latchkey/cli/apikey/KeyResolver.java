package dev.latchkey.cli.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@code NAME|ID} argument into a key ID. Arguments starting with {@code ApiKey-} are IDs;
 * anything else must be the exact name of exactly one of the caller's own keys, since names are not unique.
 */
public final class KeyResolver {
    static final String ID_PREFIX = "ApiKey-";

    private final ApiClient client;

    public KeyResolver(ApiClient client) {
        this.client = client;
    }

    public ResolvedKey resolve(String nameOrId) {
        if (nameOrId.startsWith(ID_PREFIX)) {
            return new ResolvedKey(nameOrId, null);
        }
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode key : client.getAllPages("/v1/apikeys?pagesize=100", "apikeys").path("apikeys")) {
            if (nameOrId.equals(Json.text(key, "name"))) {
                matches.add(key);
            }
        }
        if (matches.isEmpty()) {
            throw new CliException("no API key named " + nameOrId);
        }
        if (matches.size() > 1) {
            throw new CliException("several API keys are named " + nameOrId + "; use the ID");
        }
        return new ResolvedKey(Json.text(matches.get(0), "id"), nameOrId);
    }
}
