package dev.latchkey.http;

/**
 * A request refused for a reason only HTTP knows (no or a bad bearer token, a body that is not JSON or too large,
 * a method the route does not have), answered in IBM's shape like a domain refusal. The message is safe to show:
 * it never holds a secret.
 */
public final class HttpRefusal extends RuntimeException {
    private final WireError error;

    public HttpRefusal(WireError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public WireError error() {
        return error;
    }
}
