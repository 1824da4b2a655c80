package dev.latchkey.http;

/** How large a request may be, for the servlet routes and the direct ones alike. */
public final class RequestLimits {
    /** A body: large enough for a leak report of 1,000 tokens; every field has its own, much smaller, limit. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    static final String BODY_TOO_LARGE_MESSAGE = "The request body is larger than " + MAX_BODY_BYTES + " bytes.";
    /** The request line and headers together; a bearer token of Latchkey's is under 2 KiB (decision record 0013). */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    private RequestLimits() {
    }
}
