package dev.latchkey.core.common;

/**
 * Every failure a client can cause, with its HTTP status, IBM-style error {@code code} and {@code message_code}.
 * Codes seen in IBM's own sources keep IBM's BXNIM number; the rest carry Latchkey's LKIAM numbers
 * (docs/decisions/0003-error-codes.md).
 */
public enum ErrorCode {
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
    POLICY_NOT_FOUND(404, "policy_not_found", "LKIAM0604E"),
    POLICY_CONFLICT(409, "policy_conflict_error", "LKIAM0609E"),
    RESOURCE_HAS_KEYS(400, "resource_has_keys", "LKIAM0700E"),
    RESOURCE_REMOVED(410, "resource_removed", "LKIAM0710E"),
    RESOURCE_LOCKED(422, "resource_locked", "LKIAM0722E"),
    REQUEST_TIMEOUT(408, "request_timeout", "LKIAM0408E"),
    BODY_TOO_LARGE(413, "request_too_large", "LKIAM0413E"),
    URI_TOO_LONG(414, "uri_too_long", "LKIAM0414E"),
    HEADERS_TOO_LARGE(431, "request_header_fields_too_large", "LKIAM0431E"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "LKIAM0415E"),
    INTERNAL(500, "internal_error", "LKIAM0500E"),
    SERVICE_UNAVAILABLE(503, "service_unavailable", "LKIAM0503E");

    private final int status;
    private final String code;
    private final String messageCode;

    ErrorCode(int status, String code, String messageCode) {
        this.status = status;
        this.code = code;
        this.messageCode = messageCode;
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
