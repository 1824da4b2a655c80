package dev.latchkey.cli.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.CreatedKeyOutput;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@code NAME|ID} argument into a key ID. Arguments starting with {@code ApiKey-} are IDs; anything else
 * must be the exact name of exactly one of the caller's own keys (or of one identity's keys, when it is given),
 * since names are not unique.
 */
public final class KeyResolver {
    static final String COLLECTION = CreatedKeyOutput.COLLECTION;
    static final String ID_PREFIX = "ApiKey-";

    private final ApiClient client;

    public KeyResolver(ApiClient client) {
        this.client = client;
    }

    public Resolved resolve(String nameOrId) {
        return resolve(nameOrId, null);
    }

    /**
     * As above, among the keys of {@code ownerIamId} (null: the caller's own). An ID must then be a key of that
     * identity, else the command stops before it acts.
     */
    public Resolved resolve(String nameOrId, String ownerIamId) {
        if (nameOrId.startsWith(ID_PREFIX)) {
            Resolved byId = new Resolved(COLLECTION, nameOrId, null);
            if (ownerIamId == null) {
                return byId;
            }
            JsonNode key = client.get(byId.path());
            Resolved named = byId.withName(Json.text(key, "name"));
            if (!ownerIamId.equals(Json.text(key, "iam_id"))) {
                throw new CliException("API key " + named.label() + " is not a key of " + ownerIamId);
            }
            return named;
        }
        String path = COLLECTION + "?pagesize=100"
                + (ownerIamId == null ? "" : "&iam_id=" + ApiClient.encode(ownerIamId));
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode key : client.getAllPages(path, "apikeys").path("apikeys")) {
            if (nameOrId.equals(Json.text(key, "name"))) {
                matches.add(key);
            }
        }
        return Resolved.onlyMatch(COLLECTION, matches, "id", "API key", nameOrId);
    }
}
