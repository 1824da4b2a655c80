package dev.latchkey.cli.scan;

import java.util.List;

/**
 * What a scan produced: the findings in path order, the paths that could not be read (each a message naming the
 * path and why; they make the scan incomplete) and notes about paths named on the command line that were skipped.
 */
public record ScanResult(List<Finding> findings, List<String> unreadable, List<String> skipped) {
    public ScanResult {
        findings = List.copyOf(findings);
        unreadable = List.copyOf(unreadable);
        skipped = List.copyOf(skipped);
    }
}
