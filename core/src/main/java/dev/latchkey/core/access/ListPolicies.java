package dev.latchkey.core.access;

/**
 * A policy listing as IBM's {@code GET /v1/policies} asks for it: the account (required), optionally one
 * subject or one access group, a type (null: any) and a state, and the page. Immutable.
 */
public record ListPolicies(String accountId, String iamId, String accessGroupId, Type type, State state,
                           int offset, int limit) {

    public enum Type { ACCESS, AUTHORIZATION }

    /** Active policies, or the deleted ones IBM keeps listable. */
    public enum State { ACTIVE, DELETED }
}
