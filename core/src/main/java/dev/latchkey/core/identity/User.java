package dev.latchkey.core.identity;

import java.time.Instant;

/**
 * A person, or with {@code functional} a program that stands in a user's place. Identified by an IAM id
 * ({@code IBMid-…}); belongs to accounts through {@link Membership}. Immutable.
 */
public record User(String iamId, String email, String givenName, String familyName, boolean functional,
                   Instant createdAt) {

    public String name() {
        return (givenName + " " + familyName).strip();
    }
}
