package dev.latchkey.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Base of the {@code *-delete} commands: resolves what the user named, asks y/N on stderr unless {@code -f} (with
 * stdin closed there is nobody to ask, so it refuses rather than guess), deletes, and says what it deleted.
 */
public abstract class DeleteCommand extends ApiCommand {
    @Option(names = {"-f", "--force"}, description = "Delete without asking.")
    boolean force;

    /** What to delete; may make requests (a lookup by name). */
    protected abstract Resolved resolve(ApiClient client);

    /** The question asked before deleting {@code label}, without {@code [y/N]}. */
    protected abstract String question(String label);

    /** What is said once {@code label} is deleted (nothing with {@code --output json}). */
    protected abstract String deleted(String label);

    /** The server's refusal of the DELETE as the user reads it; by default as the server said it. */
    protected CliException explained(CliException refused) {
        return refused;
    }

    /** Query parameters of the DELETE request, with their {@code ?}; none by default. */
    protected String query() {
        return "";
    }

    @Override
    protected final int execute() {
        try (ApiClient client = openClient()) {
            Resolved target = resolve(client);
            if (!force) {
                target = target.named(client);
                if (!confirmed(question(target.label()))) {
                    err().println("Not deleted.");
                    return 1;
                }
            }
            try {
                client.send("DELETE", target.path() + query(), null, Map.of());
            } catch (CliException refused) {
                throw explained(refused);
            }
            if (!json()) {
                out().println(deleted(target.label()));
            }
            return 0;
        }
    }
}
