package dev.latchkey.cli;

/**
 * A failure the CLI reports to the user as one line on stderr and exit code 1. The message never
 * contains a secret; {@code status} and {@code code} are set when the failure is an HTTP error answer.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public CliException(String message) {
        this(message, 0, null);
    }

    public CliException(String message, int status, String code) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status of the failed call, or 0 when the failure did not come from the server. */
    public int status() {
        return status;
    }

    /** The server's message code such as {@code BXNIM0415E}, or null. */
    public String code() {
        return code;
    }

    /** The text printed after {@code latchkey: }, e.g. {@code no such key (HTTP 404, BXNIM0102E)}. */
    public String describe() {
        String text = TerminalText.safe(getMessage());
        if (status == 0) {
            return text;
        }
        return code == null || code.isBlank()
                ? text + " (HTTP " + status + ")"
                : text + " (HTTP " + status + ", " + TerminalText.safe(code) + ")";
    }
}
