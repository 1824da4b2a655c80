package dev.latchkey.core.access;

import java.time.Instant;

/**
 * One member of an access group: a user ({@code user}) or a service ID ({@code service}) of the group's account,
 * added by {@code createdBy}. Membership is static: Latchkey has no dynamic rules. Immutable.
 */
public record AccessGroupMember(String groupId, String accountId, String iamId, Type type, Instant createdAt,
                                String createdBy) {

    /** IBM's member types that Latchkey has; trusted profiles ({@code profile}) do not exist here. */
    public enum Type {
        USER("user"), SERVICE("service");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** The type an IAM id has: a service ID's is {@code iam-ServiceId-…}, everyone else is a user. */
        public static Type of(String iamId) {
            return dev.latchkey.core.common.IamIds.isServiceId(iamId) ? SERVICE : USER;
        }
    }
}
