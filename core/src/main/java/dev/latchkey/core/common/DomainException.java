package dev.latchkey.core.common;

/**
 * The one exception the domain throws for a request it refuses. The message is safe to show to the client:
 * it never contains a secret. Mapped to an IBM error body in one place in the HTTP layer.
 */
public final class DomainException extends RuntimeException {
    private final ErrorCode errorCode;
    private final Object details;

    public DomainException(ErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }

    /**
     * @param details a String, or a JSON-like structure of Maps, Lists and Strings where IBM's body has an object
     *                (e.g. {@code conflicts_with} of a policy conflict); null for none
     */
    public DomainException(ErrorCode errorCode, String message, Object details) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.details = details;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** Optional longer explanation or structured detail, or null. */
    public Object details() {
        return details;
    }

    public static DomainException invalid(String message) {
        return new DomainException(ErrorCode.INVALID_REQUEST, message);
    }

    public static DomainException notFound(String type, String id) {
        return new DomainException(ErrorCode.NOT_FOUND, type + " with ID '" + id + "' not found.",
                "Unable to find Object. Object Type: '" + type + "' with ID: '" + id + "' not found.");
    }

    public static DomainException forbidden(String message) {
        return new DomainException(ErrorCode.FORBIDDEN, message);
    }
}
