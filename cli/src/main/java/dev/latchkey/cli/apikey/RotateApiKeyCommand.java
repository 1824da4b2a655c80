package dev.latchkey.cli.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.CreatedKeyOutput;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Resolved;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code latchkey api-key-rotate NAME|ID [--grace 1h]}: gives a key a new value, shown once (or written to a new
 * 0600 file with {@code --file}), while the old value keeps working for the grace period (decision 0032).
 */
@Command(name = "api-key-rotate", mixinStandardHelpOptions = true,
        description = "Gives an API key a new value and shows it once; the old value works for the grace period.")
public final class RotateApiKeyCommand extends ApiCommand {
    @Mixin
    KeyArgument key;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "0", converter = Grace.class,
            description = "How long the old value keeps working: 0 (the default: it stops at once), or seconds, "
                    + "minutes, hours or days like 90s, 30m, 1h, 7d; at most 7d.")
    long graceSeconds;

    @Option(names = "--file", paramLabel = "F",
            description = "Write name, description, apikey, id and created_at as JSON to this new file (mode 0600) "
                    + "instead of printing the value.")
    Path file;

    @Override
    protected int execute() {
        CreatedKeyOutput output = CreatedKeyOutput.claim(file);
        JsonNode rotated;
        try (ApiClient client = openClient()) {
            Resolved resolved = key.resolve(client);
            rotated = client.send("POST", resolved.path() + "/rotate",
                    Json.object().put("grace_seconds", graceSeconds), Map.of()).body();
        } catch (RuntimeException failure) {
            output.abandon();
            throw failure;
        }
        output.deliver(rotated, out(), json(), "Rotated");
        if (!json()) {
            out().println(graceSeconds == 0 ? "The old value no longer works."
                    : "The old value works for " + graceSeconds + " more seconds.");
        }
        return 0;
    }

    /** {@code 90}, {@code 90s}, {@code 30m}, {@code 1h} or {@code 7d}, in seconds. */
    public static final class Grace implements ITypeConverter<Long> {
        private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd]?)");

        @Override
        public Long convert(String value) {
            Matcher m = DURATION.matcher(value.strip());
            if (!m.matches()) {
                throw new TypeConversionException("expected a duration like 0, 90s, 30m, 1h or 7d, but was '"
                        + value + "'");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> n * 60;
                case "h" -> n * 3600;
                case "d" -> n * 86_400;
                default -> n;
            };
        }
    }
}
