package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Something the user named on the command line (an API key, a service ID, an instance, a resource key): its id in
 * {@code collection} (such as {@code /v1/apikeys}), and its name when the lookup learned it (else null).
 */
public record Resolved(String collection, String id, String name) {
    /** Its path under the API, e.g. {@code /v1/apikeys/ApiKey-...}. */
    public String path() {
        return collection + "/" + ApiClient.segment(id);
    }

    /** How messages name it: {@code NAME (ID)}, or just the ID when the name is unknown. */
    public String label() {
        return name == null ? id : TerminalText.safe(name) + " (" + id + ")";
    }

    public Resolved withName(String newName) {
        return new Resolved(collection, id, newName);
    }

    /** This one with its name, asked of the server when the lookup did not learn it (the argument was an ID). */
    public Resolved named(ApiClient client) {
        return name != null ? this : withName(Json.text(client.get(path()), "name"));
    }

    /**
     * The one match of a lookup by {@code name}, whose id is its {@code idField}: names are not unique, so none or
     * several is an error ({@code no WHAT named NAME}, {@code several WHATs are named NAME; use the ID}).
     */
    public static Resolved onlyMatch(String collection, List<JsonNode> matches, String idField, String what,
                                     String name) {
        if (matches.isEmpty()) {
            throw new CliException("no " + what + " named " + name);
        }
        if (matches.size() > 1) {
            throw new CliException("several " + what + "s are named " + name + "; use the ID");
        }
        return new Resolved(collection, Json.text(matches.get(0), idField), name);
    }
}
