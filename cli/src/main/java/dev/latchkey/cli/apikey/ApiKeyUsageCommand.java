package dev.latchkey.cli.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import dev.latchkey.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code latchkey api-key-usage NAME|ID [--days 30]}: one key's token exchanges per UTC day, oldest first, with a bar
 * of {@code #} per day scaled to the busiest, and the total.
 */
@Command(name = "api-key-usage", mixinStandardHelpOptions = true,
        description = "Shows an API key's token exchanges per day (UTC).")
public final class ApiKeyUsageCommand extends ApiCommand {
    static final int BAR_WIDTH = 40;

    @Mixin
    KeyArgument key;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30",
            description = "How many days up to today, 1 to 90 (default: ${DEFAULT-VALUE}).")
    int days;

    @Override
    protected int execute() {
        if (days < 1 || days > 90) {
            throw new CliException("--days must be from 1 to 90 (usage is kept for 90 days), not " + days);
        }
        try (ApiClient client = openClient()) {
            Resolved resolved = key.resolve(client);
            JsonNode usage = client.get(resolved.path() + "/usage?days=" + days);
            if (json()) {
                print(usage);
                return 0;
            }
            long max = 0;
            for (JsonNode day : usage.path("usage")) {
                max = Math.max(max, day.path("token_exchanges").asLong());
            }
            Table table = new Table("DATE", "TOKEN EXCHANGES", "");
            for (JsonNode day : usage.path("usage")) {
                long count = day.path("token_exchanges").asLong();
                table.add(Json.text(day, "date"), Long.toString(count), bar(count, max));
            }
            print(table);
            err().println(usage.path("total_token_exchanges").asLong() + " token exchanges in " + days
                    + " days (UTC) for API key " + Json.text(usage, "apikey_id") + ".");
            return 0;
        }
    }

    /** {@code count} as a bar of up to {@value #BAR_WIDTH} {@code #}, at least one for any use; empty for none. */
    static String bar(long count, long max) {
        if (count == 0 || max == 0) {
            return "";
        }
        return "#".repeat((int) Math.max(1, Math.round((double) count * BAR_WIDTH / max)));
    }
}
