package dev.latchkey.cli.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.Json;
import java.util.HashSet;
import java.util.Set;

/** Resource Controller lists: every page of one, following the relative {@code next_url} until it is null. */
final class ResourcePages {
    private ResourcePages() {
    }

    /** The {@code resources} of every page of the listing at {@code path}, in order. */
    static ArrayNode all(ApiClient client, String path) {
        ArrayNode items = Json.object().arrayNode();
        Set<String> seen = new HashSet<>();
        String next = path;
        // A server that links a page to itself must not keep the CLI looping.
        while (next != null && !next.isBlank() && seen.add(next)) {
            JsonNode page = client.get(next);
            page.path("resources").forEach(items::add);
            next = Json.text(page, "next_url");
        }
        return items;
    }
}
