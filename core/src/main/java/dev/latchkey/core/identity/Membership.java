package dev.latchkey.core.identity;

import java.time.Instant;

/**
 * A user's membership of one account: who invited them (null for the account owner) and whether they have
 * accepted ({@code ACTIVE}) or not yet ({@code PENDING}). Only active members get tokens for the account.
 * Immutable.
 */
public record Membership(String accountId, String iamId, String invitedBy, String state, Instant createdAt) {
    public static final String ACTIVE = "ACTIVE";
    public static final String PENDING = "PENDING";

    public Membership(String accountId, String iamId, String invitedBy, Instant createdAt) {
        this(accountId, iamId, invitedBy, ACTIVE, createdAt);
    }

    public boolean isActive() {
        return ACTIVE.equals(state);
    }
}
