package dev.latchkey.cli.serviceid;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Resolved;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The two commands that lock and unlock a service ID. Each is one call answered by 204, so in json mode they print
 * nothing; the exit code tells the outcome.
 */
public final class ServiceIdStateCommands {
    private ServiceIdStateCommands() {
    }

    /** One state change: {@code method} on {@code /v1/serviceids/{id}/lock}, then a confirming sentence. */
    abstract static class LockChange extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME|ID", description = "The service ID's exact name or its ID.")
        String serviceId;

        private final String method;
        private final String done;

        LockChange(String method, String done) {
            this.method = method;
            this.done = done;
        }

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                Resolved resolved = new ServiceIdResolver(client).resolve(serviceId);
                client.send(method, resolved.path() + "/lock", null, Map.of());
                if (!json()) {
                    out().println(done + " service ID " + resolved.label() + ".");
                }
                return 0;
            }
        }
    }

    /** {@code latchkey service-id-lock}: a locked service ID cannot be changed or deleted; its keys still work. */
    @Command(name = "service-id-lock", mixinStandardHelpOptions = true,
            description = "Locks a service ID against changes and deletion; its API keys keep working.")
    public static final class Lock extends LockChange {
        public Lock() {
            super("POST", "Locked");
        }
    }

    /** {@code latchkey service-id-unlock}. */
    @Command(name = "service-id-unlock", mixinStandardHelpOptions = true, description = "Unlocks a service ID.")
    public static final class Unlock extends LockChange {
        public Unlock() {
            super("DELETE", "Unlocked");
        }
    }
}
