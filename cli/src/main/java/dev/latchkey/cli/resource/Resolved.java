package dev.latchkey.cli.resource;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.TerminalText;

/**
 * An instance or a key the user named on the command line: its id (guid or CRN) and its name when the lookup
 * learned it (else null), under {@code collection} ({@code /v2/resource_instances} or {@code /v2/resource_keys}).
 */
record Resolved(String collection, String id, String name) {
    String path() {
        return collection + "/" + ApiClient.segment(id);
    }

    /** How messages name it: {@code NAME (ID)}, or just the ID when the name is unknown. */
    String label() {
        return name == null ? id : TerminalText.safe(name) + " (" + id + ")";
    }
}
