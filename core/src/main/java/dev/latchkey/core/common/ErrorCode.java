package dev.latchkey.core.common;

/**
 * What went wrong with a request the domain refuses, in the domain's terms. Which HTTP status and IBM error code a
 * client is answered with is the HTTP layer's business ({@code dev.latchkey.http.WireError}); failures that only
 * exist on the wire (no route, a body too large, a missing token) are not here (docs/decisions/0019-core-and-the-wire.md).
 */
public enum ErrorCode {
    /** A field or parameter is missing or not acceptable; the message names it. */
    INVALID_REQUEST,
    /** The caller may not do this; the message says what it would need. */
    FORBIDDEN,
    NOT_FOUND,
    /** The entity changed since the version the caller named (If-Match), or in a concurrent write. */
    ENTITY_TAG_MISMATCH,
    /** A change that must name the version it changes did not. */
    MISSING_IF_MATCH,
    /** The entity's state does not allow this (locked, already disabled, …). */
    INVALID_STATE,
    /** A value that must be unique is taken. */
    DUPLICATE_VALUE,
    /** A count limit of the account or identity is reached. */
    LIMIT_REACHED,
    /** Too many wrong passwords or requests for one address: the message says how long to wait. */
    TOO_MANY_ATTEMPTS,
    POLICY_NOT_FOUND,
    /** A policy with the same subject, resource and roles exists. */
    POLICY_CONFLICT,
    /** A custom role cannot be deleted while a policy names it. */
    ROLE_IN_USE,
    /** A resource instance cannot be deleted while it has keys (unless recursively). */
    RESOURCE_HAS_KEYS,
    /** A resource instance is deleted (kept for reclamation). */
    RESOURCE_REMOVED,
    /** A resource instance or key is locked. */
    RESOURCE_LOCKED
}
