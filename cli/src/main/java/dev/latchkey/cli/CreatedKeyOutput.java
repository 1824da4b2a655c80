package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a new API key's value goes: printed once, or written to a new 0600 file and then not shown at all. The
 * file is claimed before the key is created, because finding it taken afterwards would lose the only copy.
 * Shared by every command that creates a key (of a user or of a service ID) or rotates one.
 */
public final class CreatedKeyOutput {
    /** Where API keys live in the API; their ids start with {@code ApiKey-}. */
    public static final String COLLECTION = "/v1/apikeys";

    private final Path target;

    private CreatedKeyOutput(Path target) {
        this.target = target;
    }

    /** Claims {@code file} as a new, empty 0600 file; null means print the value instead. */
    public static CreatedKeyOutput claim(Path file) {
        return new CreatedKeyOutput(file == null ? null : PrivateFiles.claim(file));
    }

    /** Removes the claimed file after the key could not be created. */
    public void abandon() {
        if (target != null) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // the empty file is harmless; the error that got us here matters more
            }
        }
    }

    /** Shows or saves the key the server created: the create answer, which holds the value this once. */
    public void deliver(JsonNode key, PrintWriter out, boolean json) {
        deliver(key, out, json, "Created");
    }

    /** As above, for an answer that holds a new value of the key ({@code verb}: "Created", "Rotated"). */
    public void deliver(JsonNode key, PrintWriter out, boolean json, String verb) {
        Resolved created = new Resolved(COLLECTION, Json.text(key, "id"), Json.text(key, "name"));
        String value = Json.text(key, "apikey");
        if (value == null) {
            throw new CliException("the server " + verb.toLowerCase(java.util.Locale.ROOT) + " API key "
                    + created.label() + " but sent no value");
        }
        if (target != null) {
            write(key, value, created);
            if (json) {
                ObjectNode shown = ((ObjectNode) key.deepCopy()).put("file", target.toString());
                shown.remove("apikey");
                out.println(Json.pretty(shown));
            } else {
                out.println(verb + " API key " + created.label() + ".");
                out.println("The API key was written to " + target + ".");
            }
        } else if (json) {
            out.println(Json.pretty(key));
        } else {
            out.println(verb + " API key " + created.label() + ".");
            out.println("API key: " + value);
            out.println("Save this API key now: it cannot be shown again.");
        }
    }

    private void write(JsonNode key, String value, Resolved created) {
        ObjectNode saved = Json.object()
                .put("name", Json.text(key, "name"))
                .put("description", orEmpty(Json.text(key, "description")))
                .put("apikey", value)
                .put("id", Json.text(key, "id"))
                .put("created_at", Json.text(key, "created_at"));
        try {
            Files.writeString(target, Json.pretty(saved) + "\n", StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new CliException("created API key " + created.label() + " but could not write " + target
                    + " (" + failure.getMessage() + "); delete the key with 'latchkey api-key-delete " + created.id() + "'");
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
