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
        int status = commandLine().execute(args);
        Logging.stop(); // the queued log lines are written before the process ends
        System.exit(status);
    }

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
