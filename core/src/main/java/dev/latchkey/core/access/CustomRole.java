package dev.latchkey.core.access;

import java.time.Instant;
import java.util.List;

/**
 * A custom role of IBM IAM Policy Management: an account's own role on one service, granting exactly the actions it
 * lists there (no patterns, no platform actions). Policies name it by its CRN,
 * {@code crn:v1:bluemix:public:iam-access-management::a/<account>::customRole:<name>}
 * (docs/decisions/0046-custom-roles.md). Immutable.
 */
public record CustomRole(String id, String accountId, String name, String displayName, String description,
                         String serviceName, List<String> actions, Instant createdAt, String createdBy,
                         Instant modifiedAt, String modifiedBy, long version) {

    static final String CRN_MARKER = "::customRole:";

    public CustomRole {
        actions = List.copyOf(actions);
    }

    public String crn() {
        return crnOf(accountId, name);
    }

    public static String crnOf(String accountId, String name) {
        return "crn:v1:bluemix:public:iam-access-management::a/" + accountId + CRN_MARKER + name;
    }

    /** Whether {@code roleId} names a custom role (of any account) rather than one of {@link Role}'s. */
    public static boolean isCrn(String roleId) {
        return roleId != null && roleId.contains(CRN_MARKER);
    }

    /** The name in a custom role's CRN, or null when {@code roleId} is not one of {@code accountId}'s. */
    public static String nameIn(String roleId, String accountId) {
        String prefix = crnOf(accountId, "");
        return roleId != null && roleId.startsWith(prefix) ? roleId.substring(prefix.length()) : null;
    }

    /** True when this role, in a policy whose resource is on {@code service}, allows {@code action}. */
    public boolean grants(String service, String action) {
        return serviceName.equals(service) && actions.contains(action);
    }

    CustomRole replaced(String newDisplayName, String newDescription, List<String> newActions, Instant at, String by) {
        return new CustomRole(id, accountId, name, newDisplayName, newDescription, serviceName, newActions, createdAt,
                createdBy, at, by, version + 1);
    }
}
