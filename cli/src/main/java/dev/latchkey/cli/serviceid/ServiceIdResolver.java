package dev.latchkey.cli.serviceid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;

/**
 * Turns a {@code NAME|ID} argument into a service ID. Arguments starting with {@code ServiceId-} are IDs; anything
 * else must be the exact name of exactly one service ID in the account of the logged-in identity (names are not
 * unique). Looking a name up needs the right to list service IDs; an ID works for whoever may act on it.
 */
public final class ServiceIdResolver {
    static final String COLLECTION = "/v1/serviceids";
    static final String ID_PREFIX = "ServiceId-";

    private final ApiClient client;

    public ServiceIdResolver(ApiClient client) {
        this.client = client;
    }

    /** The IAM id a service ID's API keys authenticate as. */
    public static String iamId(Resolved serviceId) {
        return "iam-" + serviceId.id();
    }

    public Resolved resolve(String nameOrId) {
        if (nameOrId.startsWith(ID_PREFIX)) {
            return new Resolved(COLLECTION, nameOrId, null);
        }
        JsonNode matches = client.getAllPages(ListServiceIdsCommand.collection(client) + "&name="
                + ApiClient.encode(nameOrId), "serviceids").path("serviceids");
        return Resolved.onlyMatch(COLLECTION, Json.elements(matches), "id", "service ID", nameOrId);
    }
}
