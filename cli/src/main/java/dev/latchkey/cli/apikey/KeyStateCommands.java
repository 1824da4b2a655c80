package dev.latchkey.cli.apikey;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.Resolved;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The four commands that flip a key's lock or disable flag. Each is one call answered by 204, so in
 * json mode they print nothing; the exit code tells the outcome.
 */
public final class KeyStateCommands {
    private KeyStateCommands() {
    }

    /** One state change: {@code method} on {@code /v1/apikeys/{id}/<suffix>}, then a confirming sentence. */
    abstract static class StateChange extends ApiCommand {
        @Mixin
        KeyArgument key;

        private final String method;
        private final String suffix;
        private final String done;

        StateChange(String method, String suffix, String done) {
            this.method = method;
            this.suffix = suffix;
            this.done = done;
        }

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                Resolved resolved = key.resolve(client);
                client.send(method, resolved.path() + suffix, null, Map.of());
                if (!json()) {
                    out().println(done + " API key " + resolved.label() + ".");
                }
                return 0;
            }
        }
    }

    /** {@code latchkey api-key-lock}: a locked key cannot be changed or deleted until unlocked. */
    @Command(name = "api-key-lock", mixinStandardHelpOptions = true, description = "Locks an API key against changes and deletion.")
    public static final class Lock extends StateChange {
        public Lock() {
            super("POST", "/lock", "Locked");
        }
    }

    /** {@code latchkey api-key-unlock}. */
    @Command(name = "api-key-unlock", mixinStandardHelpOptions = true, description = "Unlocks an API key.")
    public static final class Unlock extends StateChange {
        public Unlock() {
            super("DELETE", "/lock", "Unlocked");
        }
    }

    /** {@code latchkey api-key-disable}: a disabled key no longer authenticates. */
    @Command(name = "api-key-disable", mixinStandardHelpOptions = true, description = "Disables an API key: it no longer authenticates.")
    public static final class Disable extends StateChange {
        public Disable() {
            super("POST", "/disable", "Disabled");
        }
    }

    /** {@code latchkey api-key-enable}. */
    @Command(name = "api-key-enable", mixinStandardHelpOptions = true, description = "Enables a disabled API key again.")
    public static final class Enable extends StateChange {
        public Enable() {
            super("DELETE", "/disable", "Enabled");
        }
    }
}
