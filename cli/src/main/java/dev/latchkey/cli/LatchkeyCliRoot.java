package dev.latchkey.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A top-level {@code latchkey} command holding only the CLI's commands, so tests (and anyone without
 * the app module) can run {@code new CommandLine(new LatchkeyCliRoot()).execute(args)}.
 */
@Command(name = "latchkey", mixinStandardHelpOptions = true, modelTransformer = LatchkeyCliRoot.Subcommands.class,
        description = "Manages Latchkey API keys and access policies through the HTTP API.")
public final class LatchkeyCliRoot implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand there is nothing to do: show the usage and fail like any usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** Adds {@link CliCommands#all()} when picocli builds the model, keeping that list the only one. */
    static final class Subcommands implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec root) {
            for (Object command : CliCommands.all()) {
                CommandLine subcommand = new CommandLine(command);
                root.addSubcommand(subcommand.getCommandName(), subcommand);
            }
            return root;
        }
    }
}
