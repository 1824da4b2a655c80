package dev.latchkey.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.latchkey.core.common.ErrorCode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * IBM's two error shapes: the management API's {@code {errors:[…],status_code,trace}} and the token service's
 * {@code {errorCode,errorMessage,errorDetails,context}} (reference §6, §8). Messages never hold a secret.
 */
public final class ErrorBodies {
    private ErrorBodies() {
    }

    /** {@code details} is a string, or an object where IBM's body has one (a policy conflict's {@code conflicts_with}). */
    public record Item(String code, String messageCode, String message, Object details) {
    }

    public record ManagementError(List<Item> errors, int statusCode, String trace) {
    }

    /** The token service's bodies are camelCase, unlike the management API's. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record TokenErrorContext(String requestId, String requestType, String userAgent, String url,
                                    String startTime, String endTime, String elapsedTime, String locale) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record TokenError(String errorCode, String errorMessage, String errorDetails, TokenErrorContext context) {
    }

    public static void management(Context ctx, ErrorCode code, String message, Object details) {
        Json.send(ctx, code.status(), new ManagementError(
                List.of(new Item(code.code(), code.messageCode(), message, details)), code.status(), Trace.of(ctx)));
    }

    public static void token(Context ctx, int status, String errorCode, String message, String details) {
        Instant start = ctx.attribute(Trace.START_ATTRIBUTE);
        Instant end = Instant.now();
        long elapsed = start == null ? 0 : end.toEpochMilli() - start.toEpochMilli();
        Json.send(ctx, status, new TokenError(errorCode, message, details,
                new TokenErrorContext(Trace.of(ctx), "incoming.OIDC_Token", ctx.userAgent(), ctx.url(),
                        start == null ? null : start.toString(), end.toString(), Long.toString(elapsed), "en_US")));
    }
}
