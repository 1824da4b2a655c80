package dev.latchkey.cli;

/** Makes server-supplied text safe to print: one line, no control characters. */
public final class TerminalText {
    private TerminalText() {
    }

    /**
     * Replaces control characters with spaces. Names and descriptions come from other users, and an
     * embedded escape sequence could rewrite the terminal or forge table rows.
     */
    public static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return clean.toString();
    }
}
