package dev.latchkey.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code latchkey audit}: the account's audit events, newest first, filtered as the route filters them. {@code
 * --jsonl} writes every matching event, oldest first, one JSON object per line: the export a SIEM ingests.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Lists the account's audit events (newest first), or exports them as JSON Lines (--jsonl).")
public final class AuditCommand extends ApiCommand {
    @Option(names = "--account", paramLabel = "ID", description = "Account ID; default: the account you are logged in to.")
    String account;

    @Option(names = "--from", paramLabel = "TIME", description = "Only events at or after this time (2026-12-01T00:00Z).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only events before this time.")
    String to;

    @Option(names = "--actor", paramLabel = "IAM_ID", description = "Only events by this IAM ID (or 'system').")
    String actor;

    @Option(names = "--action", paramLabel = "ACTION", description = "Only this action, e.g. iam-identity.apikey.delete.")
    String action;

    @Option(names = "--target", paramLabel = "ID", description = "Only events about this target id (an API key's id, ...).")
    String target;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "How many events to show (default ${DEFAULT-VALUE}); ignored with --all and --jsonl.")
    int limit;

    @Option(names = "--all", description = "Every matching event, following every page.")
    boolean all;

    @Option(names = "--jsonl", description = "Every matching event, oldest first, one JSON object per line.")
    boolean jsonl;

    @Override
    protected int execute() {
        if (limit < 1 || limit > 100) {
            throw new CliException("--limit must be from 1 to 100, not " + limit);
        }
        try (ApiClient client = openClient()) {
            String id = client.accountId(account);
            StringJoiner query = new StringJoiner("&", "?", "");
            query.add("pagesize=" + (all || jsonl ? 100 : limit));
            add(query, "from", from);
            add(query, "to", to);
            add(query, "actor", actor);
            add(query, "action", action);
            add(query, "target_id", target);
            String path = "/v1/accounts/" + ApiClient.segment(id) + "/audit_events" + query;
            JsonNode body = all || jsonl ? client.getAllPages(path, "events") : client.get(path);
            if (jsonl) {
                List<JsonNode> events = new ArrayList<>(Json.elements(body.path("events")));
                for (int i = events.size() - 1; i >= 0; i--) {
                    out().println(Json.compact(events.get(i)));
                }
                return 0;
            }
            if (json()) {
                print(body);
                return 0;
            }
            Table table = new Table("SEQ", "TIME", "ACTOR", "ACTION", "TARGET", "OUTCOME", "DETAILS");
            for (JsonNode e : body.path("events")) {
                JsonNode t = e.path("target");
                String targetText = Json.text(t, "type") + " " + (t.hasNonNull("name") ? Json.text(t, "name")
                        : t.hasNonNull("id") ? Json.text(t, "id") : "");
                StringJoiner details = new StringJoiner(", ");
                e.path("details").fields().forEachRemaining(d -> details.add(d.getKey() + "=" + d.getValue().asText()));
                table.add(e.path("seq").asText(), Json.text(e, "time"), Json.text(e.path("actor"), "iam_id"),
                        Json.text(e, "action"), targetText.strip(), Json.text(e, "outcome"), details.toString());
            }
            print(table);
            if (!all && body.hasNonNull("next")) {
                err().println("More events: give --all, a larger --limit, or filters.");
            }
            return 0;
        }
    }

    private static void add(StringJoiner query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.add(name + "=" + ApiClient.encode(value));
        }
    }
}
