package dev.latchkey.cli.access;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.Resolved;
import dev.latchkey.cli.TerminalText;
import dev.latchkey.cli.identity.UserCommands;
import dev.latchkey.cli.serviceid.ServiceIdResolver;

/** The identities an access group holds, as named on the command line: users and service IDs of the account. */
final class GroupMembers {
    private GroupMembers() {
    }

    /** One member: its IAM ID, IBM's member type ({@code user} or {@code service}) and how messages name it. */
    record Member(String iamId, String type, String label) {
    }

    /** A user by e-mail (looked up in the account's users) or by IAM ID, taken as given. */
    static Member user(ApiClient client, String emailOrIamId) {
        if (!emailOrIamId.contains("@")) {
            return new Member(emailOrIamId, "user", TerminalText.safe(emailOrIamId));
        }
        String iamId = UserCommands.iamIdOf(client, null, emailOrIamId);
        return new Member(iamId, "user", TerminalText.safe(emailOrIamId) + " (" + iamId + ")");
    }

    /** A service ID by name or {@code ServiceId-…} ID; an {@code iam-ServiceId-…} IAM ID is taken as given. */
    static Member serviceId(ApiClient client, String nameOrId) {
        if (nameOrId.startsWith("iam-")) {
            return new Member(nameOrId, "service", TerminalText.safe(nameOrId));
        }
        Resolved resolved = new ServiceIdResolver(client).resolve(nameOrId);
        return new Member(ServiceIdResolver.iamId(resolved), "service", resolved.label());
    }
}
