package dev.latchkey.http;

import dev.latchkey.core.common.ErrorCode;

/**
 * Every error a client can be answered with, as it goes on the wire: the HTTP status, IBM's error {@code code} and
 * {@code message_code}. Codes seen in IBM's own sources keep IBM's BXNIM number; the rest carry Latchkey's LKIAM
 * numbers (docs/decisions/0003-error-codes.md). The domain's {@link ErrorCode}s map here through {@link #of}; the
 * rest are failures only HTTP knows.
 */
public enum WireError {
    MISSING_AUTHORIZATION(401, "invalid_access_token", "BXNIM0308E"),
    INVALID_ACCESS_TOKEN(401, "invalid_access_token", "BXNIM0407E"),
    FORBIDDEN(403, "insufficient_permissions", "LKIAM0403E"),
    NOT_FOUND(404, "not_found", "BXNIM0102E"),
    ROUTE_NOT_FOUND(404, "not_found", "LKIAM0404E"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "LKIAM0405E"),
    INVALID_REQUEST(400, "invalid_request", "BXNIM0106E"),
    MALFORMED_BODY(400, "invalid_body", "LKIAM0400E"),
    ENTITY_TAG_MISMATCH(409, "conflict", "LKIAM0409E"),
    MISSING_IF_MATCH(400, "missing_if_match", "LKIAM0428E"),
    INVALID_STATE(409, "invalid_state", "LKIAM0410E"),
    DUPLICATE_VALUE(409, "conflict", "LKIAM0411E"),
    LIMIT_REACHED(422, "limit_reached", "BXNIM0151E"),
    TOO_MANY_ATTEMPTS(429, "too_many_requests", "LKIAM0429E"),
    POLICY_NOT_FOUND(404, "policy_not_found", "LKIAM0604E"),
    POLICY_CONFLICT(409, "policy_conflict_error", "LKIAM0609E"),
    ROLE_IN_USE(409, "role_conflict_error", "LKIAM0610E"),
    RESOURCE_HAS_KEYS(400, "resource_has_keys", "LKIAM0700E"),
    RESOURCE_REMOVED(410, "resource_removed", "LKIAM0710E"),
    RESOURCE_LOCKED(422, "resource_locked", "LKIAM0722E"),
    REQUEST_TIMEOUT(408, "request_timeout", "LKIAM0408E"),
    BODY_TOO_LARGE(413, "request_too_large", "LKIAM0413E"),
    URI_TOO_LONG(414, "uri_too_long", "LKIAM0414E"),
    HEADERS_TOO_LARGE(431, "request_header_fields_too_large", "LKIAM0431E"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "LKIAM0415E"),
    INTERNAL(500, "internal_error", "LKIAM0500E"),
    NOT_IMPLEMENTED(501, "not_implemented", "LKIAM0501E"),
    SERVICE_UNAVAILABLE(503, "service_unavailable", "LKIAM0503E");

    private final int status;
    private final String code;
    private final String messageCode;

    WireError(int status, String code, String messageCode) {
        this.status = status;
        this.code = code;
        this.messageCode = messageCode;
    }

    /** How a refusal of the domain goes on the wire; the switch has no default, so a new domain code must be mapped. */
    public static WireError of(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST -> INVALID_REQUEST;
            case FORBIDDEN -> FORBIDDEN;
            case NOT_FOUND -> NOT_FOUND;
            case ENTITY_TAG_MISMATCH -> ENTITY_TAG_MISMATCH;
            case MISSING_IF_MATCH -> MISSING_IF_MATCH;
            case INVALID_STATE -> INVALID_STATE;
            case DUPLICATE_VALUE -> DUPLICATE_VALUE;
            case LIMIT_REACHED -> LIMIT_REACHED;
            case TOO_MANY_ATTEMPTS -> TOO_MANY_ATTEMPTS;
            case POLICY_NOT_FOUND -> POLICY_NOT_FOUND;
            case POLICY_CONFLICT -> POLICY_CONFLICT;
            case ROLE_IN_USE -> ROLE_IN_USE;
            case RESOURCE_HAS_KEYS -> RESOURCE_HAS_KEYS;
            case RESOURCE_REMOVED -> RESOURCE_REMOVED;
            case RESOURCE_LOCKED -> RESOURCE_LOCKED;
        };
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String messageCode() {
        return messageCode;
    }
}
