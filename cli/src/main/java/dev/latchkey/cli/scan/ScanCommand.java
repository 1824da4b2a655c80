package dev.latchkey.cli.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.TerminalText;
import dev.latchkey.core.common.KeyFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code latchkey scan PATH...}: finds Latchkey API keys and invitation tokens in files, offline, and prints where
 * with the display prefix only. Exit code 1 when it finds any (so it can serve as a pre-commit hook), 0 when
 * clean, 2 on usage errors and unreadable paths (2 wins: the scan was incomplete, though what it found is printed).
 * {@code --report} sends found API keys to the server's leak intake.
 */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Finds Latchkey API keys and invitation tokens in files by their checksum, offline, and prints "
                + "file:line: with the display prefix, never the key. Skips .git, target and node_modules directories, "
                + "binary files, files over 10 MiB and symbolic links. Exit code 0 when clean, 1 when keys are found, "
                + "2 on usage errors and unreadable paths.")
public final class ScanCommand extends ApiCommand {
    static final int FOUND = 1;
    static final int INCOMPLETE = 2;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files and directories to scan.")
    List<Path> paths;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "lk", converter = PrefixConverter.class,
            description = "Prefix of the server's API keys (default: ${DEFAULT-VALUE}); invitation tokens (lkinv) are always found.")
    KeyFormat format;

    @Option(names = "--report",
            description = "Send the API keys found to the leak intake (POST /v1/leaks) of the server you are logged in to.")
    boolean report;

    @Override
    protected int execute() {
        ScanResult result = new PathScanner(new TokenScanner(format)).scan(paths);
        result.unreadable().forEach(problem -> err().println("latchkey: cannot read " + TerminalText.safe(problem)));
        result.skipped().forEach(note -> err().println("latchkey: skipped " + TerminalText.safe(note)));
        List<Finding> findings = result.findings();
        List<Finding> reportable = findings.stream().filter(finding -> finding.kind().reportable()).toList();

        Map<Finding, String> labels = null;
        CliException reportFailure = null;
        String server = null;
        if (report && !reportable.isEmpty()) {
            try (ApiClient client = openClient()) {
                server = client.profile().url();
                labels = new LeakReporter(client).report(reportable);
            } catch (CliException failure) {
                reportFailure = failure;
            }
        }

        if (json()) {
            print(toJson(findings, labels));
        } else {
            findings.forEach(finding -> out().println(location(finding) + " (" + finding.kind().description() + ")"));
            if (labels != null) {
                printReport(server, reportable, labels);
            }
        }
        if (report && findings.size() > reportable.size()) {
            int skipped = findings.size() - reportable.size();
            err().println("latchkey: " + skipped + (skipped == 1 ? " invitation token was" : " invitation tokens were")
                    + " not reported: the leak intake takes API keys only");
        }
        if (reportFailure != null) {
            err().println("latchkey: reporting failed: " + reportFailure.describe());
        }
        if (!result.unreadable().isEmpty()) {
            return INCOMPLETE;
        }
        return findings.isEmpty() ? 0 : FOUND;
    }

    private void printReport(String server, List<Finding> reported, Map<Finding, String> labels) {
        Map<String, Integer> counts = new TreeMap<>();
        reported.forEach(finding -> counts.merge(labelOf(labels, finding), 1, Integer::sum));
        StringBuilder summary = new StringBuilder("Reported ").append(reported.size())
                .append(reported.size() == 1 ? " API key to " : " API keys to ").append(server).append(':');
        counts.forEach((label, count) -> summary.append(' ').append(count).append(' ').append(label).append(','));
        summary.setCharAt(summary.length() - 1, '.');
        out().println(summary);
        reported.forEach(finding -> out().println(location(finding) + " " + labelOf(labels, finding)));
    }

    private static ArrayNode toJson(List<Finding> findings, Map<Finding, String> labels) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Finding finding : findings) {
            ObjectNode entry = array.addObject()
                    .put("file", finding.file().toString())
                    .put("line", finding.line())
                    .put("column", finding.column())
                    .put("display_prefix", finding.displayPrefix())
                    .put("kind", finding.kind().description());
            if (labels != null) {
                entry.put("label", finding.kind().reportable() ? labels.get(finding) : null);
            }
        }
        return array;
    }

    private static String location(Finding finding) {
        return TerminalText.safe(finding.file().toString()) + ":" + finding.line() + ": " + finding.displayPrefix();
    }

    private static String labelOf(Map<Finding, String> labels, Finding finding) {
        String label = labels.get(finding);
        return label == null ? "(no answer)" : TerminalText.safe(label);
    }

    /** Turns {@code --prefix} into a key format; a prefix the server could not have is a usage error. */
    static final class PrefixConverter implements ITypeConverter<KeyFormat> {
        @Override
        public KeyFormat convert(String value) {
            try {
                return new KeyFormat(value);
            } catch (IllegalArgumentException invalid) {
                throw new TypeConversionException(invalid.getMessage() + ", but was '" + value + "'");
            }
        }
    }
}
