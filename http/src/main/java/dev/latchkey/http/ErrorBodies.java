package dev.latchkey.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.latchkey.core.common.DomainException;
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

    /** The message of every 500: nothing about the failure itself reaches the client. */
    static final String INTERNAL_MESSAGE = "An internal error occurred; quote the trace id when reporting it.";

    public static void management(Context ctx, WireError code, String message, Object details) {
        Json.send(ctx, code.status(), managementBody(code, message, details, Trace.of(ctx)));
    }

    public static void management(Exchange exchange, WireError code, String message, Object details) {
        exchange.json(code.status(), managementBody(code, message, details, exchange.trace()));
    }

    /** A refusal of the domain, or of HTTP itself; null when {@code failure} is neither. */
    static Refusal refusal(Throwable failure) {
        return switch (failure) {
            case DomainException e -> new Refusal(WireError.of(e.errorCode()), e.getMessage(), e.details());
            case HttpRefusal e -> new Refusal(e.error(), e.getMessage(), null);
            default -> null;
        };
    }

    record Refusal(WireError code, String message, Object details) {
    }

    static ManagementError managementBody(WireError code, String message, Object details, String trace) {
        return new ManagementError(List.of(new Item(code.code(), code.messageCode(), message, details)),
                code.status(), trace);
    }

    public static void token(Exchange exchange, int status, String errorCode, String message, String details) {
        Instant start = exchange.start();
        Instant end = Instant.now();
        exchange.json(status, new TokenError(errorCode, message, details,
                new TokenErrorContext(exchange.trace(), "incoming.OIDC_Token", exchange.userAgent(), exchange.url(),
                        start.toString(), end.toString(), Long.toString(end.toEpochMilli() - start.toEpochMilli()),
                        "en_US")));
    }
}
