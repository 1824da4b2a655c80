package dev.latchkey.core.identity;

import java.time.Instant;

/** A user's membership of one account, with who invited them (null for the account owner). Immutable. */
public record Membership(String accountId, String iamId, String invitedBy, Instant createdAt) {
}
