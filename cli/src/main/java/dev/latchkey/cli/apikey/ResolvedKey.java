package dev.latchkey.cli.apikey;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.TerminalText;

/** An API key the user named on the command line: its ID, and its name when the lookup learned it (else null). */
public record ResolvedKey(String id, String name) {
    /** The key's path under the API, e.g. {@code /v1/apikeys/ApiKey-...}. */
    public String path() {
        return "/v1/apikeys/" + ApiClient.segment(id);
    }

    /** How messages name the key: {@code NAME (ID)}, or just the ID when the name is unknown. */
    public String label() {
        return name == null ? id : TerminalText.safe(name) + " (" + id + ")";
    }
}
