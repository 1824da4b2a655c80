package dev.latchkey.cli.scan;

import java.nio.file.Path;

/**
 * A well-formed token found in a file: the file as the user named it, where it is (1-based line and column),
 * the token's kind and display prefix, and the token itself, which is only ever sent to the leak intake.
 * {@code toString()} hides the token.
 */
public record Finding(Path file, int line, int column, TokenKind kind, String displayPrefix, String token) {
    @Override
    public String toString() {
        return "Finding[file=" + file + ", line=" + line + ", column=" + column + ", kind=" + kind
                + ", displayPrefix=" + displayPrefix + ", token=<redacted>]";
    }
}
