package dev.latchkey.core.identity;

import java.time.Instant;

/**
 * A person, or with {@code functional} a program that stands in a user's place (no password login, API keys
 * only, one account). Identified by an IAM id ({@code IBMid-…}); belongs to accounts through {@link Membership}.
 * A platform administrator may create accounts. Immutable.
 */
public record User(String iamId, String email, String givenName, String familyName, boolean functional,
                   boolean platformAdmin, Instant createdAt) {

    public User(String iamId, String email, String givenName, String familyName, boolean functional,
                Instant createdAt) {
        this(iamId, email, givenName, familyName, functional, false, createdAt);
    }

    public String name() {
        return (givenName + " " + familyName).strip();
    }
}
