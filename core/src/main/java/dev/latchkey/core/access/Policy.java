package dev.latchkey.core.access;

import java.time.Instant;
import java.util.Set;

/**
 * An access policy: a subject (an IAM id) holds roles on a service in an account. Immutable.
 *
 * @param serviceName the service the roles apply to, e.g. {@code iam-identity}
 */
public record Policy(String id, String accountId, String subjectIamId, String serviceName, Set<Role> roles,
                     Instant createdAt) {

    public static final String IAM_IDENTITY = "iam-identity";

    public Policy {
        roles = Set.copyOf(roles);
    }
}
