package dev.latchkey.console.resource;

import dev.latchkey.console.Chrome;
import java.time.Instant;
import java.util.List;

/**
 * A service instance's page as the template draws it: its details and its "Service credentials".
 *
 * @param form  the "New credential" dialog opened again with what was typed and the server's refusal, or null
 * @param shown a credential's JSON, shown in the answer to a POST (made now, or asked for), or null
 */
public record InstanceView(Chrome chrome, Instance instance, List<Credential> credentials, List<RoleChoice> roles,
                           CredentialForm form, Shown shown) {

    public record Instance(String id, String name, String service, String plan, String location, String crn,
                           Instant created, boolean locked, boolean removed) {
    }

    /** One credential; {@code viewable} when the viewer may see its credentials (else IBM's REDACTED). */
    public record Credential(String id, String name, String role, Instant created, boolean viewable) {
    }

    public record RoleChoice(String crn, String name, String description, boolean selected) {
    }

    public record CredentialForm(String name, String role, String error) {
    }

    /** A credential's JSON as the API shows it to the viewer, its API key included when they may see it. */
    public record Shown(String id, String name, String json, boolean redacted) {
    }
}
