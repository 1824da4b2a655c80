package dev.latchkey.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.http.Context;

/**
 * The one JSON mapper of the HTTP layer: snake_case names (IBM's), nulls left out, records as objects. Responses
 * are written through {@link #send} so every body gets the same settings. Thread-safe.
 */
public final class Json {
    /**
     * How deep objects and arrays may nest in a request body. The deepest body Latchkey reads (an invitation's
     * {@code iam_policy} down to a resource attribute) nests seven levels; Jackson's default of 1,000 lets a small
     * body cost deep recursion in every reader.
     */
    public static final int MAX_NESTING = 32;

    /**
     * Jackson's default buffer pool is per thread; every request here runs on a new virtual thread, so that pool
     * never reuses a buffer and each answer allocated fresh ones. A shared pool reuses them across requests.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    public static void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(bytes(body));
    }

    /** {@code body} as JSON with this mapper's settings. */
    public static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a response body", e);
        }
    }
}
