package dev.latchkey.cli;

import dev.latchkey.cli.access.CreatePolicyCommand;
import dev.latchkey.cli.access.DeletePolicyCommand;
import dev.latchkey.cli.access.ListPoliciesCommand;
import dev.latchkey.cli.access.ListRolesCommand;
import dev.latchkey.cli.apikey.CreateApiKeyCommand;
import dev.latchkey.cli.apikey.DeleteApiKeyCommand;
import dev.latchkey.cli.apikey.KeyStateCommands;
import dev.latchkey.cli.apikey.ListApiKeysCommand;
import dev.latchkey.cli.apikey.ShowApiKeyCommand;
import dev.latchkey.cli.apikey.UpdateApiKeyCommand;
import java.util.ArrayList;
import java.util.List;

/** The CLI's commands, for the app's top-level {@code latchkey} command to register as subcommands. */
public final class CliCommands {
    private CliCommands() {
    }

    /** New instances of every command, in the order help lists them; the list is the caller's to change. */
    public static List<Object> all() {
        return new ArrayList<>(List.of(
                new LoginCommand(),
                new ListApiKeysCommand(),
                new CreateApiKeyCommand(),
                new ShowApiKeyCommand(),
                new UpdateApiKeyCommand(),
                new DeleteApiKeyCommand(),
                new KeyStateCommands.Lock(),
                new KeyStateCommands.Unlock(),
                new KeyStateCommands.Disable(),
                new KeyStateCommands.Enable(),
                new ListPoliciesCommand(),
                new CreatePolicyCommand(),
                new DeletePolicyCommand(),
                new ListRolesCommand()));
    }
}
