package dev.latchkey.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code latchkey version}: the same line as {@code latchkey --version}. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = "Print the version and the commit this jar was built from.")
final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(BuildInfo.current().describe());
        return 0;
    }
}
