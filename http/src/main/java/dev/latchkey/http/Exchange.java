package dev.latchkey.http;

import dev.latchkey.core.common.DomainException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One request on a {@link Route.Direct} route, on Jetty's own request and response rather than a servlet: what a
 * hot route reads (headers, query parameters, a bounded body, the peer address) and one answer it sends. The
 * answer is held until the route returns, so an exception thrown after {@link #send} still turns into an error
 * body; {@link DirectRoutes} writes it. Not thread-safe: one per request.
 */
public final class Exchange {
    private final Request request;
    private final Response response;
    private final Instant start = Instant.now();
    private final String trace;
    private final ClientOrigin origin;
    private String clientAddress;
    private Fields query;
    private int status = 200;
    private String contentType;
    private byte[] body;

    Exchange(Request request, Response response, ClientOrigin origin) {
        this.request = request;
        this.response = response;
        this.origin = origin;
        this.trace = Trace.idFrom(header(Trace.HEADER));
        response.getHeaders().put(Trace.HEADER, trace);
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    public String contentType() {
        return request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    }

    public String userAgent() {
        return request.getHeaders().get(HttpHeader.USER_AGENT);
    }

    /**
     * The client's address ({@link ClientOrigin}): the TCP peer's, or from a trusted proxy the address it forwards; a
     * client talking to this server directly cannot claim another address.
     */
    public String ip() {
        if (clientAddress == null) {
            clientAddress = origin.address(request);
        }
        return clientAddress;
    }

    /** The request URL without its query string (which may hold a secret), as the client made it. */
    public String url() {
        if (origin.trustsProxies()) {
            return origin.baseUrl(request) + request.getHttpURI().getPath();
        }
        return HttpURI.build(request.getHttpURI()).query(null).asString();
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request);
        }
        return query.getValue(name);
    }

    /** A {@code true}/{@code false} query parameter, false when absent; anything else is a 400. */
    public boolean queryBool(String name) {
        return QueryParams.bool(queryParam(name), "Parameter '" + name + "'");
    }

    /**
     * The whole body, at most {@link RequestLimits#MAX_BODY_BYTES}. A larger one is a 413: refused by its declared
     * length before it is read, else once the limit is passed; the connection is then closed, not drained.
     */
    public byte[] body() {
        long declared = request.getLength();
        if (declared > RequestLimits.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] bytes = new byte[declared >= 0 ? (int) declared : 1024];
        int length = 0;
        try {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    try (Blocker.Runnable more = Blocker.runnable()) {
                        request.demand(more);
                        more.block();
                    }
                    continue;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    throw new IOException(chunk.getFailure());
                }
                ByteBuffer data = chunk.getByteBuffer();
                int n = data.remaining();
                if (length + n > RequestLimits.MAX_BODY_BYTES) {
                    chunk.release();
                    throw tooLarge();
                }
                if (length + n > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(length + n, 2 * bytes.length));
                }
                data.get(bytes, length, n);
                length += n;
                chunk.release();
                if (chunk.isLast()) {
                    return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
                }
            }
        } catch (IOException e) {
            throw DomainException.invalid("The request body could not be read.");
        }
    }

    private static HttpRefusal tooLarge() {
        return new HttpRefusal(WireError.BODY_TOO_LARGE, RequestLimits.BODY_TOO_LARGE_MESSAGE);
    }

    public Exchange header(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    /** Sets the answer; the last call counts. */
    public void send(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    /** Sets a JSON answer, serialized as every other route's ({@link Json#MAPPER}). */
    public void json(int status, Object value) {
        send(status, "application/json", Json.bytes(value));
    }

    public String trace() {
        return trace;
    }

    Instant start() {
        return start;
    }

    int status() {
        return status;
    }

    /** Writes the answer set last (none: an empty 200, as Javalin does) and completes the request. */
    void complete(Callback callback) {
        response.setStatus(status);
        if (body == null) {
            response.write(true, null, callback);
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
