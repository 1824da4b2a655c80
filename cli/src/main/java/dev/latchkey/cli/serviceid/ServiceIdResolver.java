package dev.latchkey.cli.serviceid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.Json;

/**
 * Turns a {@code NAME|ID} argument into a service ID. Arguments starting with {@code ServiceId-} are IDs; anything
 * else must be the exact name of exactly one service ID in the account of the logged-in identity (names are not
 * unique). Looking a name up needs the right to list service IDs; an ID works for whoever may act on it.
 */
public final class ServiceIdResolver {
    static final String ID_PREFIX = "ServiceId-";

    private final ApiClient client;

    public ServiceIdResolver(ApiClient client) {
        this.client = client;
    }

    public ResolvedServiceId resolve(String nameOrId) {
        if (nameOrId.startsWith(ID_PREFIX)) {
            return new ResolvedServiceId(nameOrId, null);
        }
        JsonNode matches = client.getAllPages(ListServiceIdsCommand.collection(client) + "&name="
                + ApiClient.encode(nameOrId), "serviceids").path("serviceids");
        if (matches.isEmpty()) {
            throw new CliException("no service ID named " + nameOrId);
        }
        if (matches.size() > 1) {
            throw new CliException("several service IDs are named " + nameOrId + "; use the ID");
        }
        return new ResolvedServiceId(Json.text(matches.get(0), "id"), nameOrId);
    }
}
