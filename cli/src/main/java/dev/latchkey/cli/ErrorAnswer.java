package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the message out of an error body in either of IAM's two shapes. */
final class ErrorAnswer {
    private ErrorAnswer() {
    }

    /**
     * {@code /v1} errors carry {@code errors[0].message} and {@code message_code}; the token endpoint
     * carries {@code errorMessage} and {@code errorCode}. Anything else gets a generic message.
     */
    static CliException toException(int status, String body) {
        JsonNode json = Json.parse(body);
        JsonNode first = json.path("errors").path(0);
        if (first.isObject() && Json.text(first, "message") != null) {
            String code = Json.text(first, "message_code");
            return new CliException(Json.text(first, "message"), status, code != null ? code : Json.text(first, "code"));
        }
        if (Json.text(json, "errorMessage") != null) {
            return new CliException(Json.text(json, "errorMessage"), status, Json.text(json, "errorCode"));
        }
        if (Json.text(json, "message") != null) {
            return new CliException(Json.text(json, "message"), status, null);
        }
        return new CliException("the server refused the request", status, null);
    }
}
