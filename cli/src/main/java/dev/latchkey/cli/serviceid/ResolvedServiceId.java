package dev.latchkey.cli.serviceid;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.TerminalText;

/** A service ID the user named on the command line: its ID, and its name when the lookup learned it (else null). */
public record ResolvedServiceId(String id, String name) {
    /** The service ID's path under the API, e.g. {@code /v1/serviceids/ServiceId-...}. */
    public String path() {
        return "/v1/serviceids/" + ApiClient.segment(id);
    }

    /** The IAM id its API keys authenticate as. */
    public String iamId() {
        return "iam-" + id;
    }

    /** How messages name it: {@code NAME (ID)}, or just the ID when the name is unknown. */
    public String label() {
        return name == null ? id : TerminalText.safe(name) + " (" + id + ")";
    }
}
