package dev.latchkey.core.access;

/**
 * A policy listing as IBM's {@code GET /v1/policies} asks for it: the account (required), optionally one
 * subject, an access group (none exist in Latchkey), a type and a state, and the page. Immutable.
 */
public record ListPolicies(String accountId, String iamId, String accessGroupId, String type, String state,
                           int offset, int limit) {
}
