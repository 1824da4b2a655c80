package dev.latchkey.core.settings;

import java.util.List;

/**
 * One entry of {@code restrict_user_domains}: which e-mail patterns invitations in a realm may go to. The two
 * optional fields stay null when the client left them out, so the entry echoes exactly as sent. Immutable.
 *
 * @param invitationEmailAllowPatterns null when not sent
 * @param restrictInvitation           null when not sent
 */
public record UserDomainRestriction(String realmId, List<String> invitationEmailAllowPatterns,
                                    Boolean restrictInvitation) {

    public UserDomainRestriction {
        invitationEmailAllowPatterns = invitationEmailAllowPatterns == null ? null
                : List.copyOf(invitationEmailAllowPatterns);
    }

    /** IBM's way to remove a realm's entry: a PUT of the entry with only {@code realm_id} set. */
    public boolean isRemoval() {
        return invitationEmailAllowPatterns == null && restrictInvitation == null;
    }
}
