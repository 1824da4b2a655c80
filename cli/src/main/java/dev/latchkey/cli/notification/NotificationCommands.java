package dev.latchkey.cli.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.DeleteCommand;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.PrivateFiles;
import dev.latchkey.cli.Resolved;
import dev.latchkey.cli.Table;
import dev.latchkey.cli.Tables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * An account's webhook endpoints (create, list, update, delete) and its notification outbox
 * (docs/guide/notifications.md).
 * An endpoint's signing secret is in the server's answer to its creation only: the command prints it once, or
 * writes it to a new 0600 file and does not print it.
 */
public final class NotificationCommands {
    private static final String MANAGERS = "needs Operator, Editor or Administrator on IAM Identity, or the account "
            + "owner";

    private NotificationCommands() {
    }

    /** {@code /v1/accounts/{account}/notification_endpoints} of {@code account}, or of the logged-in account. */
    static String endpoints(ApiClient client, String account) {
        return "/v1/accounts/" + ApiClient.segment(client.accountId(account))
                + "/notification_endpoints";
    }

    static String events(JsonNode endpoint) {
        java.util.List<String> events = new ArrayList<>();
        endpoint.path("events").forEach(e -> events.add(e.asText()));
        return String.join(",", events);
    }

    /** {@code body} with an {@code events} array of the families given (stripped), unless none were. */
    static ObjectNode putEvents(ObjectNode body, java.util.List<String> events) {
        if (events != null) {
            var array = body.putArray("events");
            events.forEach(e -> array.add(e.strip()));
        }
        return body;
    }

    /** {@code latchkey notification-endpoints}: the account's webhook endpoints, without their secrets. */
    @Command(name = "notification-endpoints", mixinStandardHelpOptions = true,
            description = "Lists your account's webhook endpoints: URL, the events each receives (" + MANAGERS
                    + ").")
    public static final class List extends ApiCommand {
        @Option(names = "--account", paramLabel = "ID", description = "Account ID; default: the account you are "
                + "logged in to.")
        String account;

        static Table table(JsonNode endpoints) {
            Table table = new Table("ID", "URL", "EVENTS", "DESCRIPTION", "CREATED", "CREATED BY");
            for (JsonNode e : endpoints) {
                table.add(Json.text(e, "id"), Json.text(e, "url"), events(e),
                        Tables.shorten(Json.text(e, "description")), Json.text(e, "created_at"),
                        Json.text(e, "created_by"));
            }
            return table;
        }

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                JsonNode all = client.get(endpoints(client, account));
                printListing(all, all.path("endpoints"), "No webhook endpoints.", List::table);
                return 0;
            }
        }
    }

    /**
     * {@code latchkey notification-endpoint-create URL}: a webhook endpoint; its signing secret is shown this once,
     * or written to {@code --secret-file}, which is claimed (a new 0600 file) before anything is created.
     */
    @Command(name = "notification-endpoint-create", mixinStandardHelpOptions = true,
            description = "Adds a webhook endpoint to your account and shows its signing secret once (" + MANAGERS
                    + ").")
    public static final class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "URL", description = "Where to POST the events: an https URL of a "
                + "public address.")
        String url;

        @Option(names = "--events", split = ",", paramLabel = "FAMILY",
                description = "key, audit or both (comma-separated); default: key.")
        java.util.List<String> events;

        @Option(names = {"-d", "--description"}, paramLabel = "DESC", description = "Who or what receives them.")
        String description;

        @Option(names = "--secret-file", paramLabel = "FILE",
                description = "Write the signing secret to this new file (mode 0600) instead of showing it.")
        Path secretFile;

        @Option(names = "--account", paramLabel = "ID", description = "Account ID; default: the account you are "
                + "logged in to.")
        String account;

        @Override
        protected int execute() {
            Path file = secretFile == null ? null : PrivateFiles.claim(secretFile);
            try (ApiClient client = openClient()) {
                ObjectNode body = Json.object().put("url", url);
                Json.putNonEmpty(body, "description", description);
                putEvents(body, events);
                JsonNode created = client.send("POST", endpoints(client, account), body, Map.of()).body();
                String secret = Json.text(created, "secret");
                if (secret == null) {
                    throw new CliException("the server created endpoint " + Json.text(created, "id")
                            + " but sent no signing secret");
                }
                ObjectNode shown = ((ObjectNode) created).deepCopy();
                if (file != null) {
                    write(file, secret);
                    shown.remove("secret");
                    shown.put("secret_file", file.toString());
                }
                if (json()) {
                    print(shown);
                    return 0;
                }
                out().println("Created webhook endpoint " + Json.text(created, "id") + " for " + url + " (events: "
                        + events(created) + ").");
                if (file != null) {
                    out().println("The signing secret was written to " + file + ".");
                } else {
                    out().println("Signing secret: " + secret);
                    out().println("Save this secret now: it cannot be shown again. Verify each request's "
                            + "Latchkey-Signature with it.");
                }
                return 0;
            } catch (RuntimeException failed) {
                if (file != null) {
                    abandon(file);
                }
                throw failed;
            }
        }

        private static void write(Path file, String secret) {
            try {
                Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            } catch (IOException failure) {
                throw new CliException("cannot write " + file + ": " + failure.getMessage());
            }
        }

        private static void abandon(Path file) {
            try {
                if (Files.size(file) == 0) {
                    Files.delete(file); // nothing was created, or its secret never reached the file
                }
            } catch (IOException ignored) {
                // an empty file is harmless; the error that got us here matters more
            }
        }
    }

    /**
     * {@code latchkey notification-endpoint-update ID}: changes the events an endpoint receives or its description,
     * only those given. It sends the {@code ETag} it just read as {@code If-Match}, so that a concurrent change makes
     * the update fail instead of being overwritten. The URL cannot change: a new receiver is a new endpoint.
     */
    @Command(name = "notification-endpoint-update", mixinStandardHelpOptions = true,
            description = "Changes the events a webhook endpoint of your account receives, or its description ("
                    + MANAGERS + ").")
    public static final class Update extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The endpoint's ID (Endpoint-…).")
        String id;

        @Option(names = "--events", split = ",", paramLabel = "FAMILY",
                description = "key, audit or both (comma-separated): what it receives from now on.")
        java.util.List<String> events;

        @Option(names = {"-d", "--description"}, paramLabel = "DESC", description = "New description; \"\" clears it.")
        String description;

        @Option(names = "--account", paramLabel = "ID", description = "Account ID; default: the account you are "
                + "logged in to.")
        String account;

        @Override
        protected int execute() {
            if (events == null && description == null) {
                throw new ParameterException(spec.commandLine(),
                        "Nothing to update: give --events, --description or both");
            }
            ObjectNode body = putEvents(Json.object(), events);
            if (description != null) {
                body.put("description", description);
            }
            try (ApiClient client = openClient()) {
                String path = endpoints(client, account) + "/" + ApiClient.segment(id);
                String etag = client.send("GET", path, null, Map.of()).entityTag("webhook endpoint " + id);
                JsonNode updated = client.send("PATCH", path, body, Map.of("If-Match", etag)).body();
                if (json()) {
                    print(updated);
                } else {
                    out().println("Updated webhook endpoint " + Json.text(updated, "id") + " for "
                            + Json.text(updated, "url") + " (events: " + events(updated) + ").");
                }
                return 0;
            }
        }
    }

    /** {@code latchkey notification-endpoint-delete ID}: the endpoint receives nothing more. */
    @Command(name = "notification-endpoint-delete", mixinStandardHelpOptions = true,
            description = "Deletes a webhook endpoint of your account (" + MANAGERS + ").")
    public static final class Delete extends DeleteCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The endpoint's ID (Endpoint-…).")
        String id;

        @Option(names = "--account", paramLabel = "ID", description = "Account ID; default: the account you are "
                + "logged in to.")
        String account;

        @Override
        protected Resolved resolve(ApiClient client) {
            return new Resolved(endpoints(client, account), id, null);
        }

        @Override
        protected String question(String label) {
            return "Delete webhook endpoint " + label + "?";
        }

        @Override
        protected String deleted(String label) {
            return "Deleted webhook endpoint " + label + ".";
        }
    }

    /** {@code latchkey notifications}: the outbox, newest first: every mail and webhook delivery with its state. */
    @Command(name = "notifications", mixinStandardHelpOptions = true,
            description = "Lists your account's notification deliveries (mail and webhooks) with their state, "
                    + "attempts and last error (needs Administrator on IAM Identity, or the account owner).")
    public static final class Outbox extends ApiCommand {
        @Option(names = "--state", paramLabel = "STATE", description = "Only pending, delivered or failed ones.")
        String state;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
                description = "How many to show (default ${DEFAULT-VALUE}); ignored with --all.")
        int limit;

        @Option(names = "--all", description = "Every one, following every page.")
        boolean all;

        @Option(names = "--account", paramLabel = "ID", description = "Account ID; default: the account you are "
                + "logged in to.")
        String account;

        @Override
        protected int execute() {
            if (limit < 1 || limit > 100) {
                throw new CliException("--limit must be from 1 to 100, not " + limit);
            }
            try (ApiClient client = openClient()) {
                String path = "/v1/accounts/" + ApiClient.segment(client.accountId(account))
                        + "/notifications?pagesize=" + (all ? 100 : limit)
                        + (state == null ? "" : "&state=" + ApiClient.encode(state));
                JsonNode body = all ? client.getAllPages(path, "notifications") : client.get(path);
                if (json()) {
                    print(body);
                    return 0;
                }
                if (body.path("notifications").isEmpty()) {
                    err().println("No notifications" + (state == null ? "" : " in state " + state) + ".");
                    return 0;
                }
                Table table = new Table("ID", "TYPE", "ABOUT", "CHANNEL", "RECIPIENT", "STATE", "ATTEMPTS",
                        "LAST ERROR", "CREATED");
                for (JsonNode n : body.path("notifications")) {
                    String about = n.hasNonNull("apikey_id") ? Json.text(n, "apikey_id") : Json.text(n, "target_id");
                    table.add(Json.text(n, "id"), Json.text(n, "type"), about, Json.text(n, "channel"),
                            Json.text(n, "recipient"), Json.text(n, "state"), n.path("attempts").asText(),
                            Tables.shorten(Json.text(n, "last_error")), Json.text(n, "created_at"));
                }
                print(table);
                if (!all && body.hasNonNull("next")) {
                    err().println("More notifications: give --all or a larger --limit.");
                }
                return 0;
            }
        }
    }
}
