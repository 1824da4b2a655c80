package dev.latchkey.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code latchkey version}: the same line as {@code latchkey --version}. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = "Print the version and the commit this jar was built from.")
final class VersionCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println(BuildInfo.current().describe());
        return 0;
    }
}
