package dev.latchkey.app;

import dev.latchkey.app.logging.Logging;
import dev.latchkey.cli.CliCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code latchkey} command: {@code serve}, {@code migrate}, and the client commands that call the HTTP API. */
@Command(name = "latchkey", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = "Self-hosted API keys and access tokens, speaking IBM Cloud IAM's protocol.")
public final class Main {
    public static void main(String[] args) {
        int status = commandLine(args).execute(args);
        Logging.stop(); // the queued log lines are written before the process ends
        System.exit(status);
    }

    /**
     * The command line for these arguments: for {@code serve}, only {@code serve} under {@code latchkey} (picocli
     * reads the annotations of every command it is given, and the hundred-odd client commands cost a server a
     * third of a second of its start; decision record 0037); for anything else, every command.
     */
    static CommandLine commandLine(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            CommandLine cli = new CommandLine(new Main());
            cli.addSubcommand(new ServeCommand());
            return cli;
        }
        return commandLine();
    }

    /** Every command. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand(new ServeCommand());
        cli.addSubcommand(new MigrateCommand());
        cli.addSubcommand(new ExportCommand());
        cli.addSubcommand(new ImportCommand());
        cli.addSubcommand(new MasterKeyRotateCommand());
        cli.addSubcommand(new AuditVerifyCommand());
        cli.addSubcommand(new VersionCommand());
        for (Object command : CliCommands.all()) {
            cli.addSubcommand(command);
        }
        return cli;
    }
}
