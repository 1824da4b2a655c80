package dev.latchkey.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests that Jetty refuses before Latchkey sees them (a URI or headers over the limits, bad encoding in the path,
 * a missing Host, conflicting framing) are answered in IBM's error shape with a {@code Transaction-Id}, like every
 * other error, instead of Jetty's HTML. Jetty's reason is passed on only when it is plain words, and nothing of
 * the request is echoed.
 */
final class RejectedRequests extends ErrorHandler {
    /** Rejections of the HTTP parser, before there is a request. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String trace = Trace.idFrom(null);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(Trace.HEADER, trace);
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return ByteBuffer.wrap(body(status, reason, trace));
    }

    /** Errors Jetty raises for a parsed request that no handler answered (an ambiguous or badly encoded path). */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 400;
        Object reason = request.getAttribute(ERROR_MESSAGE);
        String trace = Trace.idFrom(request.getHeaders().get(Trace.HEADER));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(Trace.HEADER, trace);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(status, reason == null ? null : reason.toString(), trace)), callback);
        return true;
    }

    static byte[] body(int status, String reason, String trace) {
        return Json.bytes(ErrorBodies.managementBody(code(status), message(status, reason), null, trace));
    }

    /** The error code of a status Jetty answers with. */
    static WireError code(int status) {
        return switch (status) {
            case 408 -> WireError.REQUEST_TIMEOUT;
            case 413 -> WireError.BODY_TOO_LARGE;
            case 414 -> WireError.URI_TOO_LONG;
            case 431 -> WireError.HEADERS_TOO_LARGE;
            case 404 -> WireError.ROUTE_NOT_FOUND;
            case 405 -> WireError.METHOD_NOT_ALLOWED;
            default -> status >= 500 ? WireError.INTERNAL : WireError.INVALID_REQUEST;
        };
    }

    /** The message for it; Jetty's own reason only when it is plain words (it never quotes the request). */
    static String message(int status, String reason) {
        return switch (status) {
            case 413 -> RequestLimits.BODY_TOO_LARGE_MESSAGE;
            case 414, 431 -> "The request line and headers are larger than " + RequestLimits.MAX_HEADER_BYTES + " bytes.";
            case 408 -> "The request was not received in time.";
            default -> status >= 500 ? ErrorBodies.INTERNAL_MESSAGE
                    : "The request is not valid HTTP" + (plain(reason) ? ": " + reason : "") + ".";
        };
    }

    private static boolean plain(String reason) {
        return reason != null && reason.length() <= 80 && reason.matches("[A-Za-z0-9 ,:()'-]+");
    }
}
