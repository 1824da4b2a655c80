package dev.latchkey.core.account;

import java.time.Instant;

/** A tenant: an IBM-shaped 32-hex id, a name and the IAM id of its owner. Immutable. */
public record Account(String id, String name, String ownerIamId, Instant createdAt) {
}
