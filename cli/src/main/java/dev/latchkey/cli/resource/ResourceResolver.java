package dev.latchkey.cli.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import java.util.regex.Pattern;

/**
 * Turns a {@code NAME|ID} argument into an instance or a resource key. A guid or a CRN is an id; anything else must
 * be the exact name of exactly one active instance (or key) the logged-in identity may see (names are not unique).
 */
final class ResourceResolver {
    static final String INSTANCES = "/v2/resource_instances";
    static final String KEYS = "/v2/resource_keys";
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{12}");

    private final ApiClient client;

    ResourceResolver(ApiClient client) {
        this.client = client;
    }

    Resolved instance(String nameOrId) {
        return resolve(INSTANCES, nameOrId, "instance");
    }

    Resolved key(String nameOrId) {
        return resolve(KEYS, nameOrId, "resource key");
    }

    private Resolved resolve(String collection, String nameOrId, String what) {
        if (nameOrId.startsWith("crn:") || GUID.matcher(nameOrId).matches()) {
            return new Resolved(collection, nameOrId, null);
        }
        JsonNode matches = ResourcePages.all(client, collection + "?name=" + ApiClient.encode(nameOrId));
        return Resolved.onlyMatch(collection, Json.elements(matches), "guid", what, nameOrId);
    }
}
