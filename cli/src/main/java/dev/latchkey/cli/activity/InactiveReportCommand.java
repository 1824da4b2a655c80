package dev.latchkey.cli.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code latchkey inactive-report}: makes an inactive-identities report of the account and prints it: every user,
 * API key and service ID that did not authenticate within the duration, with its last authentication.
 */
@Command(name = "inactive-report", mixinStandardHelpOptions = true,
        description = "Lists the users, API keys and service IDs that did not authenticate within a duration.")
public final class InactiveReportCommand extends ApiCommand {
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,5})([dh])");

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30d",
            description = "How far back to look, in days or hours: 30d, 12h (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--account", paramLabel = "ID", description = "Account ID; default: the account you are logged in to.")
    String account;

    @Override
    protected int execute() {
        int hours = hours(duration);
        try (ApiClient client = openClient()) {
            String id = client.accountId(account);
            String path = "/v1/activity/accounts/" + ApiClient.segment(id) + "/report";
            String reference = Json.text(client.send("POST", path + "?type=inactive&duration=" + hours, null,
                    Map.of()).body(), "reference");
            JsonNode report = client.get(path + "/" + ApiClient.segment(reference));
            if (json()) {
                print(report);
                return 0;
            }
            Table table = new Table("KIND", "ID", "NAME", "OWNER", "LAST AUTHN");
            for (JsonNode u : report.path("users")) {
                table.add("user", Json.text(u, "iam_id"), Json.text(u, "email"), "", lastAuthn(u));
            }
            for (JsonNode k : report.path("apikeys")) {
                JsonNode owner = k.path("serviceid").isObject() ? k.path("serviceid") : k.path("user");
                String ownerId = owner.has("iam_id") ? Json.text(owner, "iam_id") : Json.text(owner, "id");
                table.add(Json.text(k, "type") + " key", Json.text(k, "id"), Json.text(k, "name"), ownerId,
                        lastAuthn(k));
            }
            for (JsonNode s : report.path("serviceids")) {
                table.add("service ID", Json.text(s, "id"), Json.text(s, "name"), "", lastAuthn(s));
            }
            print(table);
            err().println("Not authenticated since " + Json.text(report, "report_start_time") + " ("
                    + Json.text(report, "report_duration") + " hours); report " + reference + ".");
            return 0;
        }
    }

    private static String lastAuthn(JsonNode item) {
        return item.has("last_authn") ? Json.text(item, "last_authn") : "never";
    }

    /** {@code 30d} or {@code 12h} in hours; anything else is the caller's mistake. */
    static int hours(String duration) {
        Matcher m = DURATION.matcher(duration);
        if (!m.matches()) {
            throw new CliException("--duration must be a whole number of days or hours, like 30d or 12h, not '"
                    + duration + "'");
        }
        int n = Integer.parseInt(m.group(1));
        return m.group(2).equals("d") ? n * 24 : n;
    }
}
