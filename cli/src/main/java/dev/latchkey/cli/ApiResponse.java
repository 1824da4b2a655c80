package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** A successful (2xx) answer from the server: status, parsed body (missing when empty) and headers. */
public record ApiResponse(int status, JsonNode body, HttpHeaders headers) {
    /** The first value of a response header, matched ignoring case, or null. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /**
     * The revision to send back as {@code If-Match}: the {@code ETag} header, else IBM's {@code entity_tag} field.
     * Without one an update could overwrite a concurrent change, so there is no update.
     *
     * @param what how the message names what was read, e.g. {@code API key deploy (ApiKey-…)}
     * @throws CliException when the answer has neither
     */
    public String entityTag(String what) {
        String etag = header("ETag") != null ? header("ETag") : body == null ? null : Json.text(body, "entity_tag");
        if (etag == null) {
            throw new CliException("the server sent no ETag for " + what + "; cannot update it safely");
        }
        return etag;
    }
}
