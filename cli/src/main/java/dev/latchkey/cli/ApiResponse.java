package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** A successful (2xx) answer from the server: status, parsed body (missing when empty) and headers. */
public record ApiResponse(int status, JsonNode body, HttpHeaders headers) {
    /** The first value of a response header, matched ignoring case, or null. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }
}
